import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evidenceRecord, recordTime, sessionRecord } from '../../../test/support/verification-records.ts';
import type { MemberRole } from '../../core/members/member-roles.ts';
import type { QueuedReview } from '../../core/verification/review-queue.ts';
import { createTranslator } from '../i18n/translate.ts';
import { renderReviewsQueuePage } from './reviews-queue-page.ts';

const translator = createTranslator('en');
const project = { id: 'proj_queue', name: 'Acme' };

const held: QueuedReview = {
  session: sessionRecord({ id: 'vs_held1', status: 'COMPLETED', outcome: 'review', heldAt: recordTime(30) }),
  user: { id: 'bcu_held1', referenceUserId: 'held-"user"' },
  heldAt: recordTime(30),
  evidence: evidenceRecord({
    reasons: ['VELOCITY'],
    hold: {
      similarity: null,
      resemblesUser: null,
      velocity: [{ limit: 'startsPerIpPerHour', count: 31, max: 30 }],
    },
    device: {
      userVerified: true,
      authenticatorAttachment: 'cross-platform',
      credentialBackedUp: true,
      credentialDeviceType: 'multiDevice',
      returningCredential: false,
      attestation: {
        met: false,
        aaguid: 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd',
        fmt: 'packed',
        trust: 'self',
      },
    },
  }),
};

function page(role: MemberRole, queue: QueuedReview[] = [held]): string {
  return renderReviewsQueuePage({
    translator,
    viewer: { displayName: 'Ada', accountName: 'Acme', role, csrfToken: 'tok' },
    projects: [project],
    project,
    mode: 'test',
    queue,
    notice: null,
    error: null,
  }).value;
}

describe('review queue page', () => {
  it('says no images are kept, even with nothing to review', () => {
    for (const markup of [page('viewer'), page('viewer', [])]) {
      assert.match(markup, /No images are kept/);
    }
    assert.match(page('viewer', []), /Nothing is waiting for review\./);
  });

  it('shows each held verification with its evidence: reasons, scores, device and network facts', () => {
    const markup = page('viewer');
    assert.match(
      markup,
      /<h2 id="review-vs_held1">Held verification vs_held1 — <span class="user-ref">held-&quot;user&quot;<\/span><\/h2>/,
    );
    assert.match(markup, /<code>VELOCITY<\/code>/);
    assert.match(markup, /Too many new verifications came from this network or device in a short time\./);
    assert.match(markup, /Not a face match \(held for velocity\)/);
    assert.match(markup, /startsPerIpPerHour: 31 \(limit 30\)/);
    assert.match(
      markup,
      /AAGUID fbfc3007-154e-4ecc-8c0b-6e020557d7bd, format packed, trust self: does not meet the policy/,
    );
    assert.match(markup, /A separate device/);
    assert.match(markup, /62 of 100/);
    assert.match(markup, /Other verifications of this project from the same address<\/dt><dd>2<\/dd>/);
    assert.match(markup, /href="\/dashboard\/p\/proj_queue\/test\/verifications\/vs_held1"/);
  });

  it('offers approve and duplicate only to roles that may decide', () => {
    for (const role of ['viewer', 'developer'] as const)
      assert.doesNotMatch(page(role), /name="decision"/, role);
    for (const role of ['owner', 'admin'] as const) {
      const markup = page(role);
      assert.match(
        markup,
        /<form method="post" action="\/dashboard\/p\/proj_queue\/test\/reviews\/vs_held1"/,
      );
      assert.match(markup, /name="decision" value="approve"/);
      assert.match(markup, /name="decision" value="duplicate"/);
      assert.match(markup, /data-confirm="Approve vs_held1\? The user becomes verified\."/);
    }
  });
});
