// Odd usage URLs are refused as pages, never as a server error: ids that cannot exist, encoded
// characters, modes in other spellings, query strings the page does not read.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, createTestTenant, type TestApp, type TestTenant } from '../harness.ts';
import { type DashboardTestSession, getDashboardPage, signInMember } from '../support/dashboard-session.ts';

describe('dashboard usage: odd requests', () => {
  let harness: TestApp;
  let tenant: TestTenant;
  let member: DashboardTestSession;

  before(async () => {
    harness = await createTestApp({ faceAnalyzer: null });
    tenant = await createTestTenant(harness);
    member = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'developer' });
  });
  after(async () => {
    await harness.close();
  });

  for (const projectId of ['%00', '%F0%9F%98%80', 'proj_%27%22%3C', '%2e%2e', 'proj_x%2Fy', '%ud800']) {
    it(`answers the project id ${projectId} with a 4xx page`, async () => {
      const response = await getDashboardPage(harness.app, `/dashboard/p/${projectId}/test/overview`, member);
      assert.ok(
        response.statusCode >= 400 && response.statusCode < 500,
        `${response.statusCode}: ${response.body}`,
      );
      assert.ok(!response.body.includes('<script>'), 'nothing from the URL becomes markup');
    });
  }

  it('answers the other spellings of a mode with 404', async () => {
    for (const mode of ['Live', 'TEST', 'test%20', 'sandbox', '%00']) {
      const response = await getDashboardPage(
        harness.app,
        `/dashboard/p/${tenant.project.id}/${mode}/overview`,
        member,
      );
      assert.ok(
        response.statusCode === 404 || response.statusCode === 400,
        `${mode}: ${response.statusCode}`,
      );
    }
  });

  it('ignores query parameters it does not read', async () => {
    const response = await getDashboardPage(
      harness.app,
      `/dashboard/p/${tenant.project.id}/live/overview?days=9999&mode=test&since=1970-01-01`,
      member,
    );
    assert.equal(response.statusCode, 200, response.body);
    assert.match(response.body, /The last 30 days/);
  });

  it('refuses changes: the usage page takes no POST', async () => {
    const response = await harness.app.inject({
      method: 'POST',
      url: `/dashboard/p/${tenant.project.id}/live/overview`,
      headers: { cookie: member.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${member.csrfToken}`,
    });
    assert.ok(response.statusCode === 404 || response.statusCode === 403, String(response.statusCode));
  });
});
