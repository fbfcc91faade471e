import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evidenceRecord, recordTime, sessionRecord } from '../../../test/support/verification-records.ts';
import type { MemberRole } from '../../core/members/member-roles.ts';
import type { VerificationDetail } from '../../core/verification/verification-detail.ts';
import { buildVerificationTimeline } from '../../core/verification/verification-timeline.ts';
import { createTranslator } from '../i18n/translate.ts';
import {
  renderVerificationDetailPage,
  type VerificationDetailPageInput,
} from './verifications-detail-page.ts';

const translator = createTranslator('en');
const project = { id: 'proj_detail', name: 'Acme' };

function detail(overrides: Partial<VerificationDetail> = {}): VerificationDetail {
  const session = sessionRecord({
    id: 'vs_detail1',
    status: 'COMPLETED',
    outcome: 'failed',
    assuranceLevel: 'passkey',
    startedAt: recordTime(5),
    passkeyDoneAt: recordTime(9),
    completedAt: recordTime(20),
  });
  return {
    session,
    user: { id: 'bcu_detail1', referenceUserId: 'customer-42', status: 'UNFULFILLABLE' },
    poyCode: '00482A1',
    state: 'failed',
    report: {
      verificationId: session.id,
      assuranceLevel: 'passkey',
      reasons: ['CAMERA_DECLINED', 'MADE_UP'],
      review: false,
      status: 'failed',
      checks: { liveness: 'fail', device: 'fail', behavioral: 'fail' },
    },
    timeline: buildVerificationTimeline(session),
    evidence: evidenceRecord(),
    ...overrides,
  };
}

function page(role: MemberRole, overrides: Partial<VerificationDetailPageInput> = {}): string {
  return renderVerificationDetailPage({
    translator,
    viewer: { displayName: 'Ada', accountName: 'Acme', role, csrfToken: 'tok123' },
    projects: [project],
    project,
    mode: 'live',
    detail: detail(),
    notice: null,
    error: null,
    ...overrides,
  }).value;
}

/** Heading levels inside <main> (the frame's navigation has its own, before it). */
function headingLevels(markup: string): number[] {
  const main = markup.slice(markup.indexOf('<main'));
  return [...main.matchAll(/<h([1-6])[ >]/g)].map((match) => Number(match[1]));
}

describe('verification detail page', () => {
  it('shows the summary, the reasons with sentences (unknown codes get the generic one), and the timeline', () => {
    const markup = page('viewer');
    assert.match(markup, /<h1>Verification vs_detail1<\/h1>/);
    assert.match(markup, /PoY #00482A1/);
    assert.match(markup, /customer-42/);
    assert.match(
      markup,
      /<code>CAMERA_DECLINED<\/code> <span class="reason-codes__sentence">You chose to continue without the camera check\./,
    );
    assert.match(
      markup,
      /<code>MADE_UP<\/code> <span class="reason-codes__sentence">Another check did not pass\./,
    );
    const timeline = /<ol class="timeline">(.*?)<\/ol>/s.exec(markup)?.[1] ?? '';
    assert.deepEqual(
      [...timeline.matchAll(/ — ([^<]+)<\/li>/g)].map((match) => match[1]),
      ['Invite created', 'Invite opened on a phone', 'Passkey step done', 'Result: Failed'],
    );
  });

  it('states that no images are kept, and shows the evidence', () => {
    const markup = page('viewer');
    assert.match(markup, /No images are kept: camera frames are analysed in memory and discarded\./);
    assert.match(markup, /62 of 100 \(ceiling 100, project threshold 50\)/);
    assert.match(markup, /0 \(check failed\)/);
    assert.match(markup, /Built into the phone/);
    assert.match(markup, /Not kept \(cleared, or never recorded\)/);
  });

  it('headings go in order', () => {
    const levels = headingLevels(page('owner'));
    assert.equal(levels[0], 1);
    for (let index = 1; index < levels.length; index++) {
      assert.ok(
        (levels[index] ?? 0) <= (levels[index - 1] ?? 0) + 1,
        `h${levels[index - 1]} then h${levels[index]}`,
      );
    }
  });

  it('offers revoke and delete with a confirmation box only to roles that may', () => {
    for (const role of ['viewer', 'developer'] as const) {
      assert.doesNotMatch(page(role), /\/revoke"|\/delete"/, role);
    }
    for (const role of ['owner', 'admin'] as const) {
      const markup = page(role);
      assert.match(markup, /action="\/dashboard\/p\/proj_detail\/live\/verifications\/vs_detail1\/revoke"/);
      assert.match(markup, /action="\/dashboard\/p\/proj_detail\/live\/verifications\/vs_detail1\/delete"/);
      assert.match(markup, /<input type="hidden" name="_csrf" value="tok123">/);
      assert.equal(markup.match(/name="confirm" value="yes" required/g)?.length, 2);
    }
  });

  it('a revoked user offers delete only; a public enrollment offers neither', () => {
    const revoked = page('owner', {
      detail: detail({ user: { id: 'bcu_detail1', referenceUserId: 'customer-42', status: 'REVOKED' } }),
    });
    assert.doesNotMatch(revoked, /\/revoke"/);
    assert.match(revoked, /The user customer-42 is revoked already\./);
    assert.match(revoked, /\/delete"/);
    const enrollment = page('owner', { detail: detail({ user: null }) });
    assert.doesNotMatch(enrollment, /\/revoke"|\/delete"/);
    assert.match(enrollment, /public enrollment/);
  });

  it('a held verification points to the review queue, with why it is held', () => {
    const markup = page('viewer', {
      detail: detail({
        state: 'review',
        evidence: evidenceRecord({
          hold: {
            similarity: 0.6523,
            resemblesUser: { id: 'bcu_other', referenceUserId: 'customer-7' },
            velocity: [{ limit: 'startsPerDevicePerHour', count: 2, max: 1 }],
          },
        }),
      }),
    });
    assert.match(markup, /href="\/dashboard\/p\/proj_detail\/live\/reviews"/);
    // A hold is not a result.
    assert.match(markup, /Finished<\/dt><dd>Not finished<\/dd>/);
    assert.match(markup, /0\.652/);
    assert.match(markup, /Your user customer-7/);
    assert.match(markup, /startsPerDevicePerHour: 2 \(limit 1\)/);
  });

  it('shows a notice and an error', () => {
    const markup = page('owner', {
      notice: 'dash.verifications.notice.revoked',
      error: 'dash.verifications.manage.confirmMissing',
    });
    assert.match(markup, /role="status">The verification was revoked\./);
    assert.match(markup, /role="alert">Tick the box to confirm, then try again\./);
  });
});
