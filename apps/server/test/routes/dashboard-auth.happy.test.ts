// Dashboard sign-in as a person goes through it: the printed link, a passkey, the dashboard; then
// signing in again on /login; invites; the sessions page and sign-out everywhere. The passkey
// ceremonies are real (a software authenticator answering the server's options).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ensureFirstOwnerLink } from '../../src/core/members/first-owner-link.ts';
import { inviteMember } from '../../src/core/members/member-links.ts';
import { createAccount } from '../../src/core/tenancy/create-account.ts';
import { createTestApp, createTestTenant, type TestApp } from '../harness.ts';
import {
  ceremonyHeaders,
  getDashboardPage,
  postDashboardForm,
  registerThroughLink,
  signInWithPasskey,
} from '../support/dashboard-session.ts';
import { SoftAuthenticator } from '../support/soft-authenticator.ts';

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';

describe('dashboard auth: happy paths', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp({ faceAnalyzer: null });
  });
  after(async () => {
    await harness.close();
  });

  const linkDeps = () => ({
    store: harness.store,
    clock: harness.clock,
    publicUrl: harness.app.services.verification.publicUrl,
  });

  async function invite(accountId: string, role: 'owner' | 'admin' | 'developer' | 'viewer', name?: string) {
    return inviteMember(linkDeps(), { accountId, role, displayName: name ?? null, actor: { kind: 'cli' } });
  }

  it('the first owner opens the printed link, names themself, registers a passkey and is signed in', async () => {
    // The harness database has accounts but no member yet, so the first start would make this link.
    const created = await ensureFirstOwnerLink(linkDeps());
    assert.ok(created, 'a deployment without members gets a link');
    assert.match(created.url, /^http:\/\/localhost:\d+\/dashboard\/links\/[0-9A-Za-z]{43}$/);
    assert.equal(created.link.kind, 'first_owner');
    assert.equal(created.link.role, 'owner');
    assert.equal(created.link.expiresAt.getTime() - created.link.createdAt.getTime(), 24 * 3_600_000);

    const page = await getDashboardPage(harness.app, `/dashboard/links/${created.token}`, null);
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /You are the first owner of/);
    assert.match(page.body, /<label for="display-name">Your name<\/label>/);
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
    assert.equal(page.headers['cache-control'], 'no-store');
    // The URL holds the token: the page sends no referrer at all, not even to our own origin.
    assert.match(page.body, /<meta name="referrer" content="no-referrer">/);

    // A minute later, so the audit log's order does not depend on ids.
    harness.clock.advanceBy(60_000);
    const authenticator = new SoftAuthenticator();
    const { verify, cookie } = await registerThroughLink(harness.app, authenticator, created.token, {
      displayName: '  Ada Lovelace ',
      headers: { 'user-agent': FIREFOX },
    });
    assert.equal(verify.statusCode, 200, verify.body);
    assert.deepEqual(verify.json(), { redirect: '/dashboard' });
    assert.ok(cookie);
    const setCookie = verify.cookies.find((each) => each.name === 'poy_dash_session');
    assert.equal(setCookie?.httpOnly, true);
    assert.equal(setCookie?.sameSite, 'Lax');
    assert.equal(setCookie?.path, '/');
    assert.equal(setCookie?.secure, undefined, 'plain http in development: not Secure');
    assert.equal(setCookie?.maxAge, 12 * 3600);
    // The passkey went to the deployment itself as relying party, discoverable.
    assert.equal(authenticator.credentials[0]?.rpId, 'localhost');

    const members = await harness.store.listMembersByAccount(created.link.accountId);
    assert.equal(members.length, 1);
    const [member] = members;
    assert.equal(member?.role, 'owner');
    assert.equal(member?.displayName, 'Ada Lovelace');
    assert.equal((await harness.store.countActiveMembers()) > 0, true);
    assert.equal(await ensureFirstOwnerLink(linkDeps()), null, 'no second first-owner link');

    const home = await getDashboardPage(harness.app, '/dashboard', { cookie });
    assert.equal(home.statusCode, 303);
    const security = await getDashboardPage(harness.app, '/dashboard/security', { cookie });
    assert.equal(security.statusCode, 200, security.body);
    assert.match(security.body, /Signed in as Ada Lovelace \(Owner\)/);
    assert.match(security.body, /Firefox on Linux <span class="tag">This session<\/span>/);

    const audit = await harness.store.listAuditEvents({
      accountId: created.link.accountId,
      actionPrefix: 'member.',
      limit: 10,
    });
    assert.deepEqual(
      audit.map((event) => [event.action, event.actorKind, event.details]),
      [
        ['member.signed_in', 'member', { method: 'link', role: 'owner' }],
        ['member.invited', 'system', { role: 'owner', name: null, kind: 'first_owner' }],
      ],
    );
    assert.equal(audit[0]?.actorId, member?.id);
    assert.equal(audit[0]?.actorLabel, 'Ada Lovelace');

    const again = await getDashboardPage(harness.app, `/dashboard/links/${created.token}`, null);
    assert.equal(again.statusCode, 410);
    assert.match(again.body, /This link was already used/);
  });

  it('signs in again on /login with the passkey: a new session, the old cookie stops working', async () => {
    const tenant = await createTestTenant(harness);
    const link = await invite(tenant.project.accountId, 'developer', 'Grace Hopper');
    const authenticator = new SoftAuthenticator();
    const registered = await registerThroughLink(harness.app, authenticator, link.token, {
      displayName: 'Grace Hopper',
    });
    assert.equal(registered.verify.statusCode, 200, registered.verify.body);
    const first = registered.cookie ?? '';

    const login = await getDashboardPage(harness.app, '/login?next=%2Fdashboard%2Fsecurity', null);
    assert.equal(login.statusCode, 200);
    assert.match(login.body, /Sign in with a passkey/);
    assert.match(login.body, /"next":"\/dashboard\/security"/);
    assert.match(login.body, /src="\/assets\/dashboard-auth\.[0-9a-f]{8}\.js"/);

    const options = await harness.app.inject({
      method: 'POST',
      url: '/dashboard/auth/sign-in/options',
      headers: ceremonyHeaders(harness.app),
      payload: {},
    });
    assert.equal(options.statusCode, 200, options.body);
    const body = options.json();
    assert.equal(body.rpId, 'localhost');
    assert.equal(body.userVerification, 'required');
    assert.equal(body.allowCredentials, undefined, 'discoverable: no user name, no credential list');

    harness.clock.advanceBy(60_000);
    const signedIn = await signInWithPasskey(harness.app, authenticator, {
      headers: { cookie: first },
      next: '/dashboard/security',
    });
    assert.equal(signedIn.verify.statusCode, 200, signedIn.verify.body);
    assert.deepEqual(signedIn.verify.json(), { redirect: '/dashboard/security' });
    const second = signedIn.cookie ?? '';
    assert.ok(second !== '' && second !== first, 'a new token at every sign-in');

    const old = await getDashboardPage(harness.app, '/dashboard/security', { cookie: first });
    assert.equal(old.statusCode, 303, 'the session presented at sign-in was ended');
    const fresh = await getDashboardPage(harness.app, '/dashboard/security', { cookie: second });
    assert.equal(fresh.statusCode, 200);
    assert.match(fresh.body, /Grace Hopper \(Developer\)/);

    const audit = await harness.store.listAuditEvents({
      accountId: tenant.project.accountId,
      actionPrefix: 'member.signed_in',
      limit: 10,
    });
    assert.deepEqual(
      audit.map((event) => event.details),
      [{ method: 'passkey' }, { method: 'link', role: 'developer' }],
    );
  });

  it('an invite fixes the account and role, suggests the name, and works for 7 days', async () => {
    const account = await createAccount(harness, { name: 'Initech' });
    const link = await invite(account.id, 'viewer', 'Peter');
    assert.equal(link.link.expiresAt.getTime() - link.link.createdAt.getTime(), 7 * 24 * 3_600_000);
    const page = await getDashboardPage(harness.app, `/dashboard/links/${link.token}`, null);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /You are invited to Initech as Viewer/);
    assert.match(page.body, /value="Peter"/);

    harness.clock.advanceBy(7 * 24 * 3_600_000 - 1_000);
    const { verify } = await registerThroughLink(harness.app, new SoftAuthenticator(), link.token, {
      displayName: 'Peter Gibbons',
    });
    assert.equal(verify.statusCode, 200, verify.body);
    const [member] = await harness.store.listMembersByAccount(account.id);
    assert.equal(member?.role, 'viewer');
    assert.equal(member?.displayName, 'Peter Gibbons');
    const audit = await harness.store.listAuditEvents({
      accountId: account.id,
      actionPrefix: 'member.',
      limit: 10,
    });
    assert.deepEqual(audit.at(-1)?.details, { role: 'viewer', name: 'Peter', kind: 'invite' });
    assert.equal(audit.at(-1)?.actorKind, 'cli');
  });

  it('lists the member’s sessions and signs out everywhere', async () => {
    const tenant = await createTestTenant(harness);
    const link = await invite(tenant.project.accountId, 'admin');
    const authenticator = new SoftAuthenticator();
    const laptop = await registerThroughLink(harness.app, authenticator, link.token, {
      displayName: 'Katherine',
      headers: { 'user-agent': FIREFOX },
    });
    const phone = await signInWithPasskey(harness.app, authenticator);
    const laptopCookie = { cookie: laptop.cookie ?? '' };
    const phoneCookie = { cookie: phone.cookie ?? '' };

    const page = await getDashboardPage(harness.app, '/dashboard/security', laptopCookie);
    assert.equal(page.statusCode, 200);
    assert.equal((page.body.match(/<tr>/g) ?? []).length, 3, 'a header row and two sessions');
    assert.equal((page.body.match(/This session/g) ?? []).length, 1);
    assert.match(page.body, /Unknown browser/);
    assert.match(page.body, /action="\/dashboard\/security\/sign-out-everywhere"/);

    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const everywhere = await postDashboardForm(harness.app, '/dashboard/security/sign-out-everywhere', {
      cookie: laptopCookie.cookie,
      csrfToken: csrf,
    });
    assert.equal(everywhere.statusCode, 303, everywhere.body);
    assert.equal(everywhere.headers.location, '/login?signedOut=everywhere');
    for (const session of [laptopCookie, phoneCookie]) {
      assert.equal((await getDashboardPage(harness.app, '/dashboard/security', session)).statusCode, 303);
    }
    const [event] = await harness.store.listAuditEvents({
      accountId: tenant.project.accountId,
      actionPrefix: 'member.sessions_revoked',
      limit: 1,
    });
    assert.deepEqual(event?.details, { sessions: 2 });
    assert.equal(event?.actorLabel, 'Katherine');
  });

  it('marks a session used at most once a minute', async () => {
    const tenant = await createTestTenant(harness);
    const link = await invite(tenant.project.accountId, 'viewer');
    const { cookie } = await registerThroughLink(harness.app, new SoftAuthenticator(), link.token, {
      displayName: 'Dot',
    });
    const [member] = await harness.store.listMembersByAccount(tenant.project.accountId);
    const lastSeen = async () =>
      (await harness.store.listDashboardSessions(member?.id ?? '', { createdAfter: new Date(0) }))[0]
        ?.lastSeenAt;
    const start = await lastSeen();
    harness.clock.advanceBy(59_000);
    await getDashboardPage(harness.app, '/dashboard/security', { cookie: cookie ?? '' });
    assert.equal((await lastSeen())?.getTime(), start?.getTime());
    harness.clock.advanceBy(1_000);
    await getDashboardPage(harness.app, '/dashboard/security', { cookie: cookie ?? '' });
    assert.equal((await lastSeen())?.getTime(), harness.clock.now().getTime());
  });
});

describe('dashboard auth: an https deployment', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp({ faceAnalyzer: null, config: { publicUrl: 'https://poy.example.com' } });
  });
  after(async () => {
    await harness.close();
  });

  it('registers under the public host as relying party and sets a Secure cookie', async () => {
    const account = await createAccount(harness, { name: 'Secure Co' });
    const link = await inviteMember(
      { store: harness.store, clock: harness.clock, publicUrl: 'https://poy.example.com' },
      { accountId: account.id, role: 'owner', displayName: null, actor: { kind: 'cli' } },
    );
    assert.match(link.url, /^https:\/\/poy\.example\.com\/dashboard\/links\//);
    const authenticator = new SoftAuthenticator();
    const { verify } = await registerThroughLink(harness.app, authenticator, link.token, {
      displayName: 'Sam',
    });
    assert.equal(verify.statusCode, 200, verify.body);
    assert.equal(authenticator.credentials[0]?.rpId, 'poy.example.com');
    const setCookie = verify.cookies.find((each) => each.name === 'poy_dash_session');
    assert.equal(setCookie?.secure, true);
  });
});
