// Bad audit log filters: each is named on the page, answered 400, and nothing is listed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { recordAuditEvent } from '../../src/core/audit/record-audit-event.ts';
import { createTestApp, createTestTenant, type TestApp, type TestTenant } from '../harness.ts';
import { type DashboardTestSession, getDashboardPage, signInMember } from '../support/dashboard-session.ts';

describe('dashboard audit log: bad filters', () => {
  let harness: TestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  let admin: DashboardTestSession;

  before(async () => {
    harness = await createTestApp({ faceAnalyzer: null });
    tenant = await createTestTenant(harness);
    other = await createTestTenant(harness);
    admin = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'admin' });
    await recordAuditEvent(
      harness.store,
      harness.clock,
      { kind: 'cli' },
      {
        accountId: tenant.project.accountId,
        action: 'api_key.created',
      },
    );
  });
  after(async () => {
    await harness.close();
  });

  const cases: ReadonlyArray<[string, RegExp]> = [
    ['actor=robot', /Choose who made the change from the list\./],
    ['action=API_KEY', /An action is written in lower-case letters/],
    [`action=${'a'.repeat(65)}`, /An action is written in lower-case letters/],
    ['action=api_key%25', /An action is written in lower-case letters/],
    ['project=proj_unknown', /Choose a project of this account from the list\./],
    ['from=2031-02-30', /Give a day as YYYY-MM-DD\./],
    ['to=yesterday', /Give a day as YYYY-MM-DD\./],
    ['from=2031-06-02&to=2031-06-01', /The last day comes before the first\./],
    ['before=2031-06-01T00:00:00.000Z', /This page link is not valid\./],
    ['before=not-a-time~aud_1', /This page link is not valid\./],
    ['actor=cli&actor=member', /Choose who made the change from the list\./],
  ];

  for (const [query, message] of cases) {
    it(`refuses ${query.slice(0, 60)} with 400, naming the problem and listing nothing`, async () => {
      const response = await getDashboardPage(harness.app, `/dashboard/audit?${query}`, admin);
      assert.equal(response.statusCode, 400, response.body);
      assert.match(response.body, message);
      assert.match(response.body, /role="alert"/);
      assert.match(response.body, /aria-invalid="true"|This page link/);
      assert.ok(!response.body.includes('api_key.created'), 'nothing may be listed');
    });
  }

  it("refuses another account's project as a filter, like an unknown one", async () => {
    const response = await getDashboardPage(
      harness.app,
      `/dashboard/audit?project=${other.project.id}`,
      admin,
    );
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /Choose a project of this account from the list\./);
    assert.ok(!response.body.includes(other.project.name));
  });

  it('escapes what it shows back', async () => {
    const response = await getDashboardPage(harness.app, '/dashboard/audit?action=%22%3E%3Cscript%3E', admin);
    assert.equal(response.statusCode, 400);
    assert.ok(!response.body.includes('"><script>'));
    assert.match(response.body, /value="&quot;&gt;&lt;script&gt;"/);
  });
});
