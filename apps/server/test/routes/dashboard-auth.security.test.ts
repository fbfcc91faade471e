// Dashboard sign-in under attack: forged state changes (no token, a wrong one, another session's,
// another origin, a cross-site fetch), forged ceremonies, open redirects, another member's user
// handle, and guessing at the ceremony endpoints. Each is refused and changes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inviteMember } from '../../src/core/members/member-links.ts';
import { openMemberSession } from '../../src/core/members/member-sessions.ts';
import { SIGN_IN_RATE_LIMIT } from '../../src/http/dashboard/sign-in-rate-limit.ts';
import { createTestApp, createTestTenant, type TestApp } from '../harness.ts';
import {
  ceremonyHeaders,
  type DashboardTestSession,
  dashboardOrigin,
  getDashboardPage,
  nextTestAddress,
  postDashboardForm,
  registerThroughLink,
  signInMember,
  signInWithPasskey,
} from '../support/dashboard-session.ts';
import { SoftAuthenticator } from '../support/soft-authenticator.ts';

describe('dashboard auth: the signed-in scope', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp({ faceAnalyzer: null });
  });
  after(async () => {
    await harness.close();
  });

  it('sends a GET without a session to /login with the page to come back to', async () => {
    const reply = await getDashboardPage(harness.app, '/dashboard?x=1', null);
    assert.equal(reply.statusCode, 303);
    assert.equal(reply.headers.location, '/login?next=%2Fdashboard%3Fx%3D1');
  });

  it('refuses a POST without a session with a 401 page', async () => {
    const reply = await postDashboardForm(harness.app, '/dashboard/sign-out', null);
    assert.equal(reply.statusCode, 401, reply.body);
    assert.match(String(reply.headers['content-type']), /text\/html/);
    assert.match(reply.body, /You are signed out/);
  });

  it('answers an unknown dashboard path with the 404 page', async () => {
    const tenant = await createTestTenant(harness);
    const session = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'viewer' });
    const reply = await getDashboardPage(harness.app, '/dashboard/no-such-page', session);
    assert.equal(reply.statusCode, 404, reply.body);
    assert.match(reply.body, /Not found/);
  });

  it('sends /dashboard to the first project, and signs out only with the anti-forgery token', async () => {
    const tenant = await createTestTenant(harness);
    const session = await signInMember(harness.app, { accountId: tenant.project.accountId, role: 'viewer' });
    const home = await getDashboardPage(harness.app, '/dashboard', session);
    assert.equal(home.statusCode, 303, home.body);
    assert.equal(home.headers.location, `/dashboard/p/${tenant.project.id}/test/overview`);

    const forged = await postDashboardForm(harness.app, '/dashboard/sign-out', session, { _csrf: 'x' });
    assert.equal(forged.statusCode, 403, forged.body);
    assert.equal((await getDashboardPage(harness.app, '/dashboard', session)).statusCode, 303);

    const signedOut = await postDashboardForm(harness.app, '/dashboard/sign-out', session);
    assert.equal(signedOut.statusCode, 303, signedOut.body);
    assert.equal(signedOut.headers.location, '/login?signedOut=1');
    const after = await getDashboardPage(harness.app, '/dashboard', session);
    assert.equal(after.statusCode, 303);
    assert.match(String(after.headers.location), /^\/login/);
  });

  /** Two sessions of one member and one of another member of the same account. */
  async function sessions() {
    const tenant = await createTestTenant(harness);
    const accountId = tenant.project.accountId;
    const mine = await signInMember(harness.app, { accountId, role: 'owner', displayName: 'Owner' });
    const { cookie, csrfToken, token } = await signInMemberAgain(mine.memberId);
    const mySecond = { ...mine, cookie, csrfToken, token };
    const theirs = await signInMember(harness.app, { accountId, role: 'owner' });
    return { accountId, mine, mySecond, theirs };
  }

  /** A second session for an existing member, through the same core code. */
  async function signInMemberAgain(memberId: string) {
    const { store, clock, secrets } = harness.app.services.verification;
    const opened = await openMemberSession(store, { clock, secrets }, { memberId, userAgent: 'second' });
    return { cookie: `poy_dash_session=${opened.token}`, csrfToken: opened.csrfToken, token: opened.token };
  }

  async function assertNothingChanged(accountId: string, live: readonly DashboardTestSession[]) {
    for (const session of live) {
      assert.equal((await getDashboardPage(harness.app, '/dashboard/security', session)).statusCode, 200);
    }
    const revoked = await harness.store.listAuditEvents({
      accountId,
      actionPrefix: 'member.sessions',
      limit: 5,
    });
    assert.deepEqual(revoked, []);
  }

  it('refuses sign-out everywhere without the anti-forgery token, with a wrong one or another session’s', async () => {
    const { accountId, mine, mySecond, theirs } = await sessions();
    const url = '/dashboard/security/sign-out-everywhere';
    const missing = await harness.app.inject({
      method: 'POST',
      url,
      headers: {
        cookie: mine.cookie,
        origin: dashboardOrigin(harness.app),
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: 'confirm=1',
    });
    const attempts = {
      missing,
      empty: await postDashboardForm(harness.app, url, mine, { _csrf: '' }),
      wrong: await postDashboardForm(harness.app, url, mine, { _csrf: 'x'.repeat(43) }),
      'my other session’s': await postDashboardForm(harness.app, url, mine, { _csrf: mySecond.csrfToken }),
      'another member’s': await postDashboardForm(harness.app, url, mine, { _csrf: theirs.csrfToken }),
      'the session token itself': await postDashboardForm(harness.app, url, mine, { _csrf: mine.token }),
      'as a header, wrong': await postDashboardForm(
        harness.app,
        url,
        mine,
        { _csrf: [] },
        { 'x-csrf-token': 'nope' },
      ),
    };
    for (const [name, reply] of Object.entries(attempts)) {
      assert.equal(reply.statusCode, 403, `${name}: ${reply.body}`);
      assert.match(reply.body, /Request refused/, name);
      assert.match(String(reply.headers['content-type']), /text\/html/, name);
    }
    await assertNothingChanged(accountId, [mine, mySecond, theirs]);
  });

  it('refuses a state change from another origin or a cross-site fetch, even with the right token', async () => {
    const { accountId, mine, mySecond } = await sessions();
    const forgeries: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: dashboardOrigin(harness.app).replace('http:', 'https:') },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of forgeries) {
      for (const url of ['/dashboard/security/sign-out-everywhere', '/dashboard/sign-out']) {
        const reply = await postDashboardForm(harness.app, url, mine, {}, headers);
        assert.equal(reply.statusCode, 403, `${url} ${JSON.stringify(headers)}: ${reply.body}`);
      }
    }
    await assertNothingChanged(accountId, [mine, mySecond]);
  });

  it('accepts the token as the x-csrf-token header from the same origin', async () => {
    const { mine, mySecond } = await sessions();
    const reply = await postDashboardForm(
      harness.app,
      '/dashboard/sign-out',
      mine,
      { _csrf: [] },
      { 'x-csrf-token': mine.csrfToken, 'sec-fetch-site': 'same-origin' },
    );
    assert.equal(reply.statusCode, 303, reply.body);
    assert.equal((await getDashboardPage(harness.app, '/dashboard/security', mine)).statusCode, 303);
    // Only this session ended.
    assert.equal((await getDashboardPage(harness.app, '/dashboard/security', mySecond)).statusCode, 200);
  });

  it('refuses ceremony requests from another origin, cross-site, or not JSON; the link stays unused', async () => {
    const tenant = await createTestTenant(harness);
    const link = await inviteMember(
      { store: harness.store, clock: harness.clock, publicUrl: harness.app.services.verification.publicUrl },
      { accountId: tenant.project.accountId, role: 'owner', displayName: null, actor: { kind: 'cli' } },
    );
    const forgeries: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { 'content-type': 'application/x-www-form-urlencoded' },
      { 'content-type': 'text/plain' },
    ];
    for (const headers of forgeries) {
      const registered = await registerThroughLink(harness.app, new SoftAuthenticator(), link.token, {
        displayName: 'Eve',
        headers,
      });
      assert.equal(
        registered.verify.statusCode,
        403,
        `${JSON.stringify(headers)}: ${registered.verify.body}`,
      );
      const signIn = await signInWithPasskey(harness.app, new SoftAuthenticator(), { headers });
      assert.equal(signIn.verify.statusCode, 403);
    }
    assert.deepEqual(await harness.store.listMembersByAccount(tenant.project.accountId), []);
    assert.equal(
      (await getDashboardPage(harness.app, `/dashboard/links/${link.token}`, null)).statusCode,
      200,
    );
  });

  it('never redirects off the dashboard after sign-in', async () => {
    const tenant = await createTestTenant(harness);
    const link = await inviteMember(
      { store: harness.store, clock: harness.clock, publicUrl: harness.app.services.verification.publicUrl },
      { accountId: tenant.project.accountId, role: 'viewer', displayName: null, actor: { kind: 'cli' } },
    );
    const authenticator = new SoftAuthenticator();
    await registerThroughLink(harness.app, authenticator, link.token, { displayName: 'Vic' });
    for (const [next, expected] of [
      ['https://evil.example/dashboard', '/dashboard'],
      ['//evil.example/dashboard', '/dashboard'],
      ['/dashboard\\@evil.example', '/dashboard'],
      ['/dashboardx', '/dashboard'],
      ['/login', '/dashboard'],
      ['/dashboard/p/proj_1/live/keys?x=1', '/dashboard/p/proj_1/live/keys?x=1'],
    ] as const) {
      const { verify } = await signInWithPasskey(harness.app, authenticator, { next });
      assert.equal(verify.statusCode, 200, verify.body);
      assert.equal(verify.json().redirect, expected, next);
    }
    const login = await getDashboardPage(harness.app, '/login?next=https%3A%2F%2Fevil.example', null);
    assert.match(login.body, /"next":"\/dashboard"/);
  });

  it('refuses a sign-in whose user handle is another member’s', async () => {
    const tenant = await createTestTenant(harness);
    const publicUrl = harness.app.services.verification.publicUrl;
    const register = async (name: string) => {
      const link = await inviteMember(
        { store: harness.store, clock: harness.clock, publicUrl },
        { accountId: tenant.project.accountId, role: 'viewer', displayName: null, actor: { kind: 'cli' } },
      );
      const authenticator = new SoftAuthenticator();
      await registerThroughLink(harness.app, authenticator, link.token, { displayName: name });
      return authenticator;
    };
    const alice = await register('Alice');
    const bob = await register('Bob');
    const bobHandle = bob.credentials[0]?.userHandle ?? '';
    const forged = await signInWithPasskey(harness.app, alice, {
      authentication: { userHandleOverride: bobHandle },
    });
    assert.equal(forged.verify.statusCode, 401, forged.verify.body);
    assert.equal(forged.verify.json().error.reason, 'user_handle_invalid');
    const none = await signInWithPasskey(harness.app, alice, {
      authentication: { userHandleOverride: null },
    });
    assert.equal(none.verify.statusCode, 401);
    assert.equal(none.cookie, null);
  });

  it('limits sign-in attempts per address: over the limit, 429 with Retry-After; other addresses go on', async () => {
    const address = nextTestAddress();
    const attempt = (remoteAddress: string) =>
      harness.app.inject({
        remoteAddress,
        method: 'POST',
        url: '/dashboard/auth/sign-in/options',
        headers: ceremonyHeaders(harness.app),
        payload: {},
      });
    for (let count = 0; count < SIGN_IN_RATE_LIMIT.limit; count++) {
      assert.equal((await attempt(address)).statusCode, 200, `attempt ${count + 1}`);
    }
    const limited = await attempt(address);
    assert.equal(limited.statusCode, 429, limited.body);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.equal(limited.json().error.code, 429);
    // Verification attempts count too: the next one is refused before its body is read.
    const verify = await harness.app.inject({
      remoteAddress: address,
      method: 'POST',
      url: '/dashboard/auth/sign-in/verify',
      headers: ceremonyHeaders(harness.app),
      payload: {},
    });
    assert.equal(verify.statusCode, 429);
    assert.equal((await attempt(nextTestAddress())).statusCode, 200);
  });

  it('sends the sign-in pages with a strict CSP, no framing and no caching', async () => {
    const login = await getDashboardPage(harness.app, '/login', null);
    assert.equal(login.statusCode, 200);
    assert.match(String(login.headers['content-security-policy']), /frame-ancestors 'none'/);
    assert.equal(login.headers['x-frame-options'], 'DENY');
    assert.equal(login.headers['cache-control'], 'no-store');
    assert.ok(!/<script>/.test(login.body), 'no inline script');
  });

  it('treats a malformed or made-up session cookie as no session', async () => {
    for (const cookie of [
      'poy_dash_session=abc',
      `poy_dash_session=${'A'.repeat(43)}`,
      'poy_dash_session=',
    ]) {
      const reply = await getDashboardPage(harness.app, '/dashboard/security', { cookie });
      assert.equal(reply.statusCode, 303, cookie);
    }
  });
});
