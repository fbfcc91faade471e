import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RECORD_TIME, recordTime, sessionRecord } from '../../../test/support/verification-records.ts';
import type { VerificationPage } from '../../core/verification/verification-search.ts';
import { createTranslator } from '../i18n/translate.ts';
import {
  EMPTY_FILTER_FORM,
  renderVerificationsListPage,
  type VerificationsListPageInput,
  verificationsListHref,
} from './verifications-list-page.ts';

const translator = createTranslator('en');
const project = { id: 'proj_list', name: 'Acme <b>' };

function input(overrides: Partial<VerificationsListPageInput> = {}): VerificationsListPageInput {
  return {
    translator,
    viewer: { displayName: 'Ada', accountName: 'Acme', role: 'viewer', csrfToken: 'csrf' },
    projects: [project],
    project,
    mode: 'test',
    form: EMPTY_FILTER_FORM,
    errors: [],
    page: { items: [], next: null },
    paged: false,
    notice: null,
    ...overrides,
  };
}

const failedItem: VerificationPage['items'][number] = {
  session: sessionRecord({
    id: 'vs_failed1',
    status: 'COMPLETED',
    outcome: 'duplicate',
    assuranceLevel: 'unique',
    completedAt: recordTime(90),
  }),
  user: { id: 'bcu_record1', referenceUserId: '<script>alert(1)</script>', status: 'UNFULFILLABLE' },
  poyCode: null,
  state: 'duplicate',
  report: {
    verificationId: 'vs_failed1',
    assuranceLevel: 'unique',
    reasons: ['DUPLICATE_HUMAN'],
    review: false,
    status: 'duplicate',
    checks: { liveness: 'fail', device: 'fail', behavioral: 'fail' },
  },
};

describe('verifications list page', () => {
  it('shows each row with its user, status, level, reason code and plain sentence, and times', () => {
    const page = renderVerificationsListPage(input({ page: { items: [failedItem], next: null } })).value;
    assert.match(page, /<h1>Verifications<\/h1>/);
    assert.match(
      page,
      /href="\/dashboard\/p\/proj_list\/test\/verifications\/vs_failed1"><code>vs_failed1<\/code>/,
    );
    assert.match(page, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(page, /<script>alert/);
    assert.match(page, />Duplicate</);
    assert.match(page, />Unique</);
    assert.match(page, /<code>DUPLICATE_HUMAN<\/code>/);
    // The sentence names the project, escaped.
    assert.match(page, /You have already verified with Acme &lt;b&gt; under another account\./);
    assert.match(
      page,
      new RegExp(`<time datetime="${RECORD_TIME.toISOString()}">2030-01-01 10:00:00 UTC</time>`),
    );
    for (const header of [
      'Verification',
      'User',
      'Status',
      'Assurance level',
      'Reason codes',
      'Created',
      'Finished',
    ]) {
      assert.match(page, new RegExp(`<th scope="col">${header}</th>`));
    }
  });

  it('labels every filter and echoes what was asked, escaped', () => {
    const page = renderVerificationsListPage(
      input({ form: { ...EMPTY_FILTER_FORM, q: '"><img>', state: 'review', reason: 'VELOCITY' } }),
    ).value;
    for (const id of [
      'filter-q',
      'filter-state',
      'filter-level',
      'filter-reason',
      'filter-from',
      'filter-to',
    ]) {
      assert.match(page, new RegExp(`<label for="${id}">`), id);
      assert.match(page, new RegExp(`id="${id}"`), id);
    }
    assert.match(page, /value="&quot;&gt;&lt;img&gt;"/);
    assert.match(page, /<option value="review" selected>Held for review<\/option>/);
    assert.match(page, /<option value="VELOCITY" selected>VELOCITY<\/option>/);
    assert.match(page, /<form method="get" action="\/dashboard\/p\/proj_list\/test\/verifications"/);
  });

  it('refused filters: the messages, and no results', () => {
    const page = renderVerificationsListPage(
      input({ errors: ['dash.verifications.filters.error.state'], page: null }),
    ).value;
    assert.match(page, /role="alert"/);
    assert.match(page, /Status: choose one from the list\./);
    assert.doesNotMatch(page, /<table/);
  });

  it('links the next page with the same filters, and the first page once past it', () => {
    const form = { ...EMPTY_FILTER_FORM, q: 'user 1', level: 'passkey' };
    const next = { createdAt: RECORD_TIME, id: 'vs_failed1' };
    const page = renderVerificationsListPage(
      input({ form, paged: true, page: { items: [failedItem], next } }),
    ).value;
    const nextHref = verificationsListHref('proj_list', 'test', form, `${RECORD_TIME.getTime()}.vs_failed1`);
    assert.equal(
      nextHref,
      `/dashboard/p/proj_list/test/verifications?q=user+1&level=passkey&after=${RECORD_TIME.getTime()}.vs_failed1`,
    );
    assert.ok(page.includes(`href="${nextHref.replaceAll('&', '&amp;')}" rel="next"`), page);
    assert.ok(
      page.includes('href="/dashboard/p/proj_list/test/verifications?q=user+1&amp;level=passkey">First page'),
    );
  });

  it('says so when nothing matches', () => {
    assert.match(renderVerificationsListPage(input()).value, /No verification matches\./);
  });
});
