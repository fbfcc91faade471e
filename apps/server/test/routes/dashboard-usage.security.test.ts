// The usage page's refusals: no session or an expired one, another account's project, unknown ids and
// modes, and the chart library's folder served file by file only.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../../src/core/clock.ts';
import { MEMBER_ROLES } from '../../src/core/members/member-roles.ts';
import { SESSION_IDLE_TIMEOUT_MS } from '../../src/core/members/member-sessions.ts';
import { createTestApp, createTestTenant, type TestApp, type TestTenant } from '../harness.ts';
import { type DashboardTestSession, getDashboardPage, signInMember } from '../support/dashboard-session.ts';

describe('dashboard usage: security', () => {
  let harness: TestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  let viewer: DashboardTestSession;
  const overview = (projectId: string, mode = 'test') => `/dashboard/p/${projectId}/${mode}/overview`;

  before(async () => {
    harness = await createTestApp({
      clock: new ManualClock(new Date('2031-04-01T08:00:00.000Z')),
      faceAnalyzer: null,
    });
    tenant = await createTestTenant(harness);
    other = await createTestTenant(harness);
    viewer = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'viewer' });
    await harness.store.addApiUsage([
      { apiKeyId: other.testKeyId, day: '2031-04-01', requests: 987_654, rateLimited: 0 },
    ]);
  });
  after(async () => {
    await harness.close();
  });

  it('sends a visitor without a session to sign in, and shows nothing', async () => {
    const response = await getDashboardPage(harness.app, overview(tenant.project.id), null);
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, `/login?next=${encodeURIComponent(overview(tenant.project.id))}`);
    assert.ok(!response.body.includes('usage-requests'));
  });

  it('lets every role read usage', async () => {
    for (const role of MEMBER_ROLES) {
      const member = await signInMember(harness.app, { accountId: tenant.project.accountId, role });
      const response = await getDashboardPage(harness.app, overview(tenant.project.id), member);
      assert.equal(response.statusCode, 200, `${role}: ${response.body}`);
    }
  });

  it("answers another account's project exactly like an unknown one", async () => {
    const foreign = await getDashboardPage(harness.app, overview(other.project.id), viewer);
    const unknown = await getDashboardPage(harness.app, overview('proj_00000000000000000000'), viewer);
    assert.equal(foreign.statusCode, 404);
    assert.equal(unknown.statusCode, 404);
    assert.equal(foreign.body, unknown.body);
    assert.ok(!foreign.body.includes('987'), 'no number of the other account may leak');
    for (const mode of ['prod', 'LIVE', '']) {
      const response = await getDashboardPage(
        harness.app,
        `/dashboard/p/${tenant.project.id}/${mode}/overview`,
        viewer,
      );
      assert.equal(response.statusCode, 404, `mode ${mode}`);
    }
    const long = await getDashboardPage(harness.app, overview('x'.repeat(500)), viewer);
    // Refused before any lookup (the router's parameter bound, 414).
    assert.ok(long.statusCode >= 400 && long.statusCode < 500, String(long.statusCode));
  });

  it('sends the page with the dashboard’s security headers', async () => {
    const response = await getDashboardPage(harness.app, overview(tenant.project.id), viewer);
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.equal(response.headers['x-frame-options'], 'DENY');
    assert.match(String(response.headers['content-security-policy']), /script-src 'self'/);
    assert.ok(!/<script>|<script type="module">|style="/.test(response.body), 'no inline script or style');
  });

  it('serves only the two files of the chart library, never the rest of its folder', async () => {
    for (const path of [
      '/assets/vendor/uplot/uPlot.cjs.js',
      '/assets/vendor/uplot/uPlot.iife.min.js',
      '/assets/vendor/uplot/uPlot.d.ts',
      '/assets/vendor/uplot/',
      '/assets/vendor/uplot/../package.json',
      '/assets/vendor/uplot/%2e%2e/package.json',
      '/assets/vendor/uplot/..%2fpackage.json',
    ]) {
      const response = await harness.app.inject({ method: 'GET', url: path });
      assert.ok(response.statusCode >= 400 && response.statusCode < 500, `${path}: ${response.statusCode}`);
      assert.ok(!response.body.includes('"name": "uplot"'), path);
    }
  });

  it('sends a member whose session went idle to sign in again', async () => {
    harness.clock.advanceBy(SESSION_IDLE_TIMEOUT_MS + 1_000);
    const response = await getDashboardPage(harness.app, overview(tenant.project.id), viewer);
    assert.equal(response.statusCode, 303);
    assert.match(String(response.headers.location), /^\/login\?next=/);
  });
});
