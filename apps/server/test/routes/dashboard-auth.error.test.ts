// Dashboard sign-in when things are not as they should be: unknown, used and expired links, bad
// names, stale or replayed ceremonies, unknown passkeys, sessions past their timeouts, a removed
// member. Each is refused with a clear 4xx and changes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inviteMember } from '../../src/core/members/member-links.ts';
import type { MemberRole } from '../../src/core/members/member-roles.ts';
import { createAccount } from '../../src/core/tenancy/create-account.ts';
import { createTestApp, type TestApp } from '../harness.ts';
import {
  ceremonyHeaders,
  dashboardOrigin,
  getDashboardPage,
  nextTestAddress,
  registerThroughLink,
  signInWithPasskey,
} from '../support/dashboard-session.ts';
import { SoftAuthenticator } from '../support/soft-authenticator.ts';

const MINUTE = 60_000;

describe('dashboard auth: errors', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp({ faceAnalyzer: null });
  });
  after(async () => {
    await harness.close();
  });

  async function newInvite(role: MemberRole = 'developer') {
    const account = await createAccount(harness, { name: 'Errors Inc' });
    const link = await inviteMember(
      { store: harness.store, clock: harness.clock, publicUrl: harness.app.services.verification.publicUrl },
      { accountId: account.id, role, displayName: null, actor: { kind: 'cli' } },
    );
    return { accountId: account.id, token: link.token };
  }

  async function newMember(role: MemberRole = 'developer') {
    const invite = await newInvite(role);
    const authenticator = new SoftAuthenticator();
    const { verify, cookie } = await registerThroughLink(harness.app, authenticator, invite.token, {
      displayName: 'Member',
    });
    assert.equal(verify.statusCode, 200, verify.body);
    const [member] = await harness.store.listMembersByAccount(invite.accountId);
    assert.ok(member && cookie);
    return { ...invite, authenticator, cookie, member };
  }

  it('answers unknown and malformed link tokens with the 404 page (a NUL byte: 400)', async () => {
    for (const token of ['A'.repeat(43), 'short', `${'A'.repeat(42)}!`, 'A'.repeat(44)]) {
      const page = await getDashboardPage(harness.app, `/dashboard/links/${token}`, null);
      assert.equal(page.statusCode, 404, `${token}: ${page.body}`);
      assert.match(page.body, /This link does not work/);
    }
    const nul = await getDashboardPage(harness.app, '/dashboard/links/%00', null);
    assert.equal(nul.statusCode, 400);
    assert.match(String(nul.headers['content-type']), /text\/html/);
    const options = await harness.app.inject({
      remoteAddress: nextTestAddress(),
      method: 'POST',
      url: `/dashboard/auth/links/${'B'.repeat(43)}/options`,
      headers: ceremonyHeaders(harness.app),
      payload: { displayName: 'X' },
    });
    assert.equal(options.statusCode, 404);
    assert.equal(options.json().error.reason, 'link_unknown');
  });

  it('refuses a used link, on the page and at both ceremony steps', async () => {
    const { token } = await newMember();
    const page = await getDashboardPage(harness.app, `/dashboard/links/${token}`, null);
    assert.equal(page.statusCode, 410);
    const second = await registerThroughLink(harness.app, new SoftAuthenticator(), token, {
      displayName: 'Again',
    });
    assert.equal(second.verify.statusCode, 410);
    assert.equal(second.verify.json().error.reason, 'link_used');
    assert.equal(second.cookie, null);
  });

  it('refuses the second of two registrations racing on one link; the first member stays the only one', async () => {
    const { accountId, token } = await newInvite();
    const headers = ceremonyHeaders(harness.app);
    const optionsFor = async () => {
      const reply = await harness.app.inject({
        remoteAddress: nextTestAddress(),
        method: 'POST',
        url: `/dashboard/auth/links/${token}/options`,
        headers,
        payload: { displayName: 'Racer' },
      });
      return reply.json();
    };
    const [a, b] = [await optionsFor(), await optionsFor()];
    const origin = dashboardOrigin(harness.app);
    const responses = [a, b].map((options) =>
      new SoftAuthenticator().createRegistrationResponse(options, { origin }),
    );
    const replies = await Promise.all(
      responses.map((response) =>
        harness.app.inject({
          remoteAddress: nextTestAddress(),
          method: 'POST',
          url: `/dashboard/auth/links/${token}/verify`,
          headers,
          payload: { response },
        }),
      ),
    );
    assert.deepEqual(
      replies.map((reply) => reply.statusCode).sort(),
      [200, 410],
      replies.map((reply) => reply.body).join('\n'),
    );
    assert.equal((await harness.store.listMembersByAccount(accountId)).length, 1);
  });

  it('an invite expires after 7 days; nothing is created', async () => {
    const { accountId, token } = await newInvite();
    harness.clock.advanceBy(7 * 24 * 60 * MINUTE);
    const page = await getDashboardPage(harness.app, `/dashboard/links/${token}`, null);
    assert.equal(page.statusCode, 410);
    assert.match(page.body, /This link has expired/);
    const { verify } = await registerThroughLink(harness.app, new SoftAuthenticator(), token, {
      displayName: 'Late',
    });
    assert.equal(verify.statusCode, 410);
    assert.equal(verify.json().error.reason, 'link_expired');
    assert.deepEqual(await harness.store.listMembersByAccount(accountId), []);
  });

  it('refuses a link that expires between the options and the verification', async () => {
    const { accountId, token } = await newInvite();
    const options = await harness.app.inject({
      remoteAddress: nextTestAddress(),
      method: 'POST',
      url: `/dashboard/auth/links/${token}/options`,
      headers: ceremonyHeaders(harness.app),
      payload: { displayName: 'Slow' },
    });
    harness.clock.advanceBy(7 * 24 * 60 * MINUTE);
    const response = new SoftAuthenticator().createRegistrationResponse(options.json(), {
      origin: dashboardOrigin(harness.app),
    });
    const verify = await harness.app.inject({
      remoteAddress: nextTestAddress(),
      method: 'POST',
      url: `/dashboard/auth/links/${token}/verify`,
      headers: ceremonyHeaders(harness.app),
      payload: { response },
    });
    assert.equal(verify.statusCode, 410);
    assert.deepEqual(await harness.store.listMembersByAccount(accountId), []);
  });

  it('refuses names that are empty, too long or hold control characters', async () => {
    const { accountId, token } = await newInvite();
    for (const displayName of ['', '   ', 'x'.repeat(101), 'Ada\u0007', 42]) {
      const reply = await harness.app.inject({
        remoteAddress: nextTestAddress(),
        method: 'POST',
        url: `/dashboard/auth/links/${token}/options`,
        headers: ceremonyHeaders(harness.app),
        payload: { displayName },
      });
      assert.equal(reply.statusCode, 400, `${JSON.stringify(displayName)}: ${reply.body}`);
      assert.ok(reply.json().error.message);
    }
    assert.deepEqual(await harness.store.listMembersByAccount(accountId), []);
  });

  it('refuses a registration answering another link’s challenge, and a replayed one', async () => {
    const first = await newInvite();
    const second = await newInvite();
    const options = await harness.app.inject({
      remoteAddress: nextTestAddress(),
      method: 'POST',
      url: `/dashboard/auth/links/${first.token}/options`,
      headers: ceremonyHeaders(harness.app),
      payload: { displayName: 'Mallory' },
    });
    const response = new SoftAuthenticator().createRegistrationResponse(options.json(), {
      origin: dashboardOrigin(harness.app),
    });
    const crossed = await harness.app.inject({
      remoteAddress: nextTestAddress(),
      method: 'POST',
      url: `/dashboard/auth/links/${second.token}/verify`,
      headers: ceremonyHeaders(harness.app),
      payload: { response },
    });
    assert.equal(crossed.statusCode, 400, crossed.body);
    assert.equal(crossed.json().error.reason, 'challenge_invalid');
    // The challenge was spent by the refused attempt: it cannot be used on its own link either.
    const replay = await harness.app.inject({
      remoteAddress: nextTestAddress(),
      method: 'POST',
      url: `/dashboard/auth/links/${first.token}/verify`,
      headers: ceremonyHeaders(harness.app),
      payload: { response },
    });
    assert.equal(replay.statusCode, 400);
    assert.deepEqual(await harness.store.listMembersByAccount(first.accountId), []);
    assert.deepEqual(await harness.store.listMembersByAccount(second.accountId), []);
  });

  it('refuses a registration without user verification, or for another origin', async () => {
    const { accountId, token } = await newInvite();
    const noUv = await registerThroughLink(harness.app, new SoftAuthenticator(), token, {
      displayName: 'No UV',
      registration: { userVerified: false },
    });
    assert.equal(noUv.verify.statusCode, 401, noUv.verify.body);
    assert.equal(noUv.verify.json().error.reason, 'passkey_invalid');
    const phished = await registerThroughLink(harness.app, new SoftAuthenticator(), token, {
      displayName: 'Phished',
      registration: { origin: 'https://poy-login.example' },
    });
    assert.equal(phished.verify.statusCode, 401);
    assert.deepEqual(await harness.store.listMembersByAccount(accountId), []);
  });

  it('refuses a sign-in with a passkey not registered here, without user verification, or replayed', async () => {
    const stranger = new SoftAuthenticator();
    stranger.createRegistrationResponse(
      { challenge: 'x', rp: { id: 'localhost' }, user: { id: 'AAAA' } },
      { origin: dashboardOrigin(harness.app) },
    );
    const unknown = await signInWithPasskey(harness.app, stranger);
    assert.equal(unknown.verify.statusCode, 401);
    assert.equal(unknown.verify.json().error.reason, 'passkey_unknown');

    const { authenticator } = await newMember();
    const noUv = await signInWithPasskey(harness.app, authenticator, {
      authentication: { userVerified: false },
    });
    assert.equal(noUv.verify.statusCode, 401);
    assert.equal(noUv.cookie, null);

    const options = await harness.app.inject({
      remoteAddress: nextTestAddress(),
      method: 'POST',
      url: '/dashboard/auth/sign-in/options',
      headers: ceremonyHeaders(harness.app),
      payload: {},
    });
    const response = authenticator.createAuthenticationResponse(options.json(), {
      origin: dashboardOrigin(harness.app),
    });
    const send = () =>
      harness.app.inject({
        remoteAddress: nextTestAddress(),
        method: 'POST',
        url: '/dashboard/auth/sign-in/verify',
        headers: ceremonyHeaders(harness.app),
        payload: { response },
      });
    assert.equal((await send()).statusCode, 200);
    const replay = await send();
    assert.equal(replay.statusCode, 400);
    assert.equal(replay.json().error.reason, 'challenge_invalid');
  });

  it('refuses a sign-in whose challenge expired (5 minutes)', async () => {
    const { authenticator } = await newMember();
    const options = await harness.app.inject({
      remoteAddress: nextTestAddress(),
      method: 'POST',
      url: '/dashboard/auth/sign-in/options',
      headers: ceremonyHeaders(harness.app),
      payload: {},
    });
    harness.clock.advanceBy(5 * MINUTE);
    const response = authenticator.createAuthenticationResponse(options.json(), {
      origin: dashboardOrigin(harness.app),
    });
    const verify = await harness.app.inject({
      remoteAddress: nextTestAddress(),
      method: 'POST',
      url: '/dashboard/auth/sign-in/verify',
      headers: ceremonyHeaders(harness.app),
      payload: { response },
    });
    assert.equal(verify.statusCode, 400);
  });

  it('ends a session after 30 minutes without use', async () => {
    const { cookie } = await newMember();
    harness.clock.advanceBy(29 * MINUTE);
    assert.equal((await getDashboardPage(harness.app, '/dashboard/security', { cookie })).statusCode, 200);
    // Used at 29 minutes: idle counts from there.
    harness.clock.advanceBy(29 * MINUTE);
    assert.equal((await getDashboardPage(harness.app, '/dashboard/security', { cookie })).statusCode, 200);
    harness.clock.advanceBy(30 * MINUTE);
    const idle = await getDashboardPage(harness.app, '/dashboard/security', { cookie });
    assert.equal(idle.statusCode, 303);
    assert.equal(idle.headers.location, '/login?next=%2Fdashboard%2Fsecurity');
    const cleared = idle.cookies.find((each) => each.name === 'poy_dash_session');
    assert.equal(cleared?.value, '', 'a cookie that stopped working is cleared');
  });

  it('ends a session 12 hours after sign-in, however active', async () => {
    const { cookie } = await newMember();
    for (let elapsed = 0; elapsed < 12 * 60 - 20; elapsed += 20) {
      harness.clock.advanceBy(20 * MINUTE);
      const page = await getDashboardPage(harness.app, '/dashboard/security', { cookie });
      assert.equal(page.statusCode, 200, `after ${elapsed + 20} minutes`);
    }
    harness.clock.advanceBy(20 * MINUTE);
    assert.equal((await getDashboardPage(harness.app, '/dashboard/security', { cookie })).statusCode, 303);
  });

  it('a removed member’s sessions stop at once, and their passkey no longer signs in', async () => {
    const { cookie, member, authenticator } = await newMember('admin');
    assert.equal((await getDashboardPage(harness.app, '/dashboard/security', { cookie })).statusCode, 200);
    await harness.store.removeMember(member.id, harness.clock.now());
    assert.equal((await getDashboardPage(harness.app, '/dashboard/security', { cookie })).statusCode, 303);
    const signIn = await signInWithPasskey(harness.app, authenticator);
    assert.equal(signIn.verify.statusCode, 403);
    assert.equal(signIn.verify.json().error.reason, 'member_removed');
    assert.equal(signIn.cookie, null);
  });

  it('answers malformed ceremony bodies with 400 JSON', async () => {
    const { token } = await newInvite();
    for (const [url, payload] of [
      [`/dashboard/auth/links/${token}/verify`, { response: { id: 'x' } }],
      ['/dashboard/auth/sign-in/verify', { response: 'nope' }],
      ['/dashboard/auth/sign-in/verify', {}],
    ] as const) {
      const reply = await harness.app.inject({
        remoteAddress: nextTestAddress(),
        method: 'POST',
        url,
        headers: ceremonyHeaders(harness.app),
        payload,
      });
      assert.equal(reply.statusCode, 400, `${url}: ${reply.body}`);
      assert.equal(reply.json().error.code, 400);
    }
  });
});
