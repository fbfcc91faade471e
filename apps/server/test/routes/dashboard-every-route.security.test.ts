// Every dashboard route, found by listening to the router rather than listed by hand, so a route added
// later is covered without anyone remembering to: without a session, with an expired session, and, for
// each state-changing route, without the anti-forgery token, with another session's token and from
// another origin. Each is refused, and the audit log (which every dashboard change writes in the
// change's own transaction) shows that nothing changed. The per-area security suites check every role
// against every action with real resources; this one guarantees no route escaped the scope's checks.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RouteOptions } from 'fastify';
import { createTestApp, createTestTenant, type TestApp, type TestTenant } from '../harness.ts';
import { postDashboardForm, signInMember } from '../support/dashboard-session.ts';

/** Routes anyone may call: the sign-in pages and the ceremonies that create a session. */
const PUBLIC_ROUTES = new Set(['GET /login', 'GET /dashboard/links/:token']);
const isPublic = (method: string, url: string) =>
  PUBLIC_ROUTES.has(`${method} ${url}`) || url.startsWith('/dashboard/auth/');

/** The idle timeout of a dashboard session (docs/dashboard.md §1), and a minute more. */
const PAST_IDLE_TIMEOUT_MS = 31 * 60_000;

interface DashboardRoute {
  method: string;
  url: string;
}

describe('every dashboard route refuses what it must', () => {
  const routes: DashboardRoute[] = [];
  let harness: TestApp;
  let tenant: TestTenant;

  before(async () => {
    harness = await createTestApp({
      faceAnalyzer: null,
      extend: (app) => {
        app.addHook('onRoute', (route: RouteOptions) => {
          const methods = Array.isArray(route.method) ? route.method : [route.method];
          const url = route.url;
          if (!(url.startsWith('/dashboard') || url === '/login')) return;
          for (const method of methods) if (method !== 'HEAD') routes.push({ method, url });
        });
      },
    });
    tenant = await createTestTenant(harness);
  });

  after(async () => {
    await harness.close();
  });

  /** A concrete path for a route pattern: the tenant's own project, a mode, and ids for the rest. */
  function pathOf(url: string): string {
    return url
      .replace(':projectId', tenant.project.id)
      .replace(':mode', 'test')
      .replace(/:([A-Za-z]+)/g, (_, name: string) => `${name}_unknown`);
  }

  async function auditCount(): Promise<number> {
    return (await harness.store.listAuditEvents({ accountId: tenant.project.accountId, limit: 1000 })).length;
  }

  it('finds the dashboard routes (pages of every area and their forms)', () => {
    const patterns = new Set(routes.map((route) => route.url));
    for (const expected of [
      '/dashboard/projects',
      '/dashboard/p/:projectId/:mode/keys',
      '/dashboard/p/:projectId/:mode/webhooks',
      '/dashboard/p/:projectId/:mode/verifications',
      '/dashboard/team',
      '/dashboard/audit',
    ]) {
      assert.ok(patterns.has(expected), `${expected} among ${[...patterns].join(', ')}`);
    }
    assert.ok(routes.filter((route) => route.method === 'POST').length >= 10);
  });

  it('sends a visitor without a session to sign in, and refuses their forms', async () => {
    const before = await auditCount();
    for (const route of routes.filter((each) => !isPublic(each.method, each.url))) {
      const url = pathOf(route.url);
      if (route.method === 'GET') {
        const response = await harness.app.inject({ method: 'GET', url });
        assert.equal(response.statusCode, 303, `GET ${route.url}`);
        assert.match(String(response.headers.location), /^\/login(\?|$)/, `GET ${route.url}`);
      } else {
        const response = await postDashboardForm(harness.app, url, null, { _csrf: 'x' });
        assert.equal(response.statusCode, 401, `${route.method} ${route.url}`);
      }
    }
    assert.equal(await auditCount(), before);
  });

  it('treats an expired session like none', async () => {
    const member = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'owner' });
    harness.clock.advanceBy(PAST_IDLE_TIMEOUT_MS);
    const before = await auditCount();
    for (const route of routes.filter((each) => !isPublic(each.method, each.url))) {
      const url = pathOf(route.url);
      const response =
        route.method === 'GET'
          ? await harness.app.inject({ method: 'GET', url, headers: { cookie: member.cookie } })
          : await postDashboardForm(harness.app, url, member);
      assert.equal(response.statusCode, route.method === 'GET' ? 303 : 401, `${route.method} ${route.url}`);
    }
    assert.equal(await auditCount(), before);
  });

  it('refuses every state-changing request without the anti-forgery token, with another, or from elsewhere', async () => {
    const session = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'owner' });
    const other = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'owner' });
    const before = await auditCount();
    const forms = routes.filter((each) => each.method !== 'GET' && !isPublic(each.method, each.url));
    for (const route of forms) {
      const url = pathOf(route.url);
      const attempts: Array<{
        what: string;
        fields: Record<string, string>;
        headers: Record<string, string>;
      }> = [
        { what: 'no token', fields: { _csrf: '' }, headers: {} },
        { what: "another session's token", fields: { _csrf: other.csrfToken }, headers: {} },
        { what: 'another origin', fields: {}, headers: { origin: 'https://attacker.example' } },
        { what: 'a cross-site fetch', fields: {}, headers: { 'sec-fetch-site': 'cross-site' } },
      ];
      for (const attempt of attempts) {
        const response = await postDashboardForm(harness.app, url, session, attempt.fields, attempt.headers);
        assert.equal(response.statusCode, 403, `${route.method} ${route.url}: ${attempt.what}`);
      }
    }
    assert.equal(await auditCount(), before);
    // The member's own session still works: the refusals did not sign anyone out.
    const page = await harness.app.inject({
      method: 'GET',
      url: '/dashboard/projects',
      headers: { cookie: session.cookie },
    });
    assert.equal(page.statusCode, 200);
  });
});
