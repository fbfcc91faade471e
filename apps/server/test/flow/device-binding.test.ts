// An invite is bound to the device that starts its flow (docs/flow-api.md, core/verification/flow/
// device-binding.ts): a second device is refused on start and on every later step with a 409 that says
// the link is in use on another device, and changes nothing in the database; the first device may repeat start; the pages say
// when a link is in use elsewhere; and the cookie that carries the device secret is HttpOnly, SameSite
// Lax, Secure exactly when the public URL is https, and lasts as long as the invite.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hashToken } from '../../src/core/token-digest.ts';
import { openPglite } from '../../src/store/drivers/open-pglite.ts';
import { createPostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { createDatabaseFingerprint, type Fingerprint } from '../fuzz/database-fingerprint.ts';
import { createTestApp, createTestTenant, pgliteTemplate, type TestApp } from '../harness.ts';
import { SoftAuthenticator } from '../support/soft-authenticator.ts';
import {
  asDevice,
  createPasskeyResponse,
  currentDevice,
  type Device,
  expectPoyError,
  fetchRequestOptions,
  injectAsDevice,
  newDevice,
  PHONE_USER_AGENT,
  PUBLIC_URL,
  parseOutcome,
  parsePasskeyStep,
  personOf,
  postFlow,
  registerUser,
  runCameraStep,
  startFlow,
  submitCompletion,
  submitRegistration,
  switchDevice,
} from './flow-driver.ts';

const DESKTOP_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
const IN_USE_HEADING = /This link is being used on another device/;
const IN_USE_MESSAGE = /being used on another device/;

/** The invite's own cookies (start also sets the long-lived `poy_device`, test/flow/velocity-start). */
function flowCookiesOf(device: Device): Array<[string, string]> {
  return [...device.cookies].filter(([name]) => name.startsWith('poy_flow_'));
}

/** The Set-Cookie line of the invite's cookie in a reply. */
function flowSetCookieOf(reply: { headers: Record<string, unknown> }): string {
  const header = reply.headers['set-cookie'];
  const lines = Array.isArray(header) ? header.map(String) : header === undefined ? [] : [String(header)];
  return lines.find((line) => line.startsWith('poy_flow_')) ?? '';
}

describe('hosted flow: an invite is bound to the device that starts it', () => {
  let harness: TestApp;
  let fingerprint: () => Promise<Fingerprint>;
  before(async () => {
    const handle = await openPglite({ loadDataDir: await pgliteTemplate() });
    const store = await createPostgresStore(handle);
    harness = await createTestApp({
      testStore: { store, close: () => store.close() },
      config: { publicUrl: PUBLIC_URL },
    });
    fingerprint = await createDatabaseFingerprint(handle.db);
  });
  after(async () => {
    await harness.close();
    // A store handed to the harness is closed by its owner.
    await harness.store.close();
  });

  const sessionOf = async (code: string) => harness.store.findSessionByInviteHash(hashToken(code));

  it('the first start binds: a digest on the session, the secret only in the cookie', async () => {
    const tenant = await createTestTenant(harness);
    const user = await registerUser(harness, tenant.liveKey, { reference_user_id: 'binds' });
    assert.equal((await sessionOf(user.code))?.deviceSecretHashHex, null);
    const phone = newDevice();
    await asDevice(harness, phone, () => startFlow(harness, user.code));
    const [[name, secret] = []] = flowCookiesOf(phone);
    assert.match(name ?? '', /^poy_flow_[0-9a-f]{24}$/);
    assert.ok(secret && secret.length >= 32, secret);
    assert.ok(!name?.includes(user.code), 'the cookie name does not carry the invite code');
    const session = await sessionOf(user.code);
    assert.equal(session?.deviceSecretHashHex, hashToken(secret ?? ''));

    // Start again on the same device (a reload): accepted, no new secret, the binding unchanged.
    const again = await asDevice(harness, phone, () =>
      postFlow(harness, user.code, 'start', { userAgent: PHONE_USER_AGENT, webdriver: false }),
    );
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.cookies.length, 0, 'no second cookie');
    assert.equal((await sessionOf(user.code))?.deviceSecretHashHex, session?.deviceSecretHashHex);
  });

  it('a second device is refused on start and on every step with 409 (in use elsewhere); nothing changes', async () => {
    const tenant = await createTestTenant(harness);
    const user = await registerUser(harness, tenant.testKey, { reference_user_id: 'victim' });
    const phone = newDevice();
    switchDevice(harness, phone);
    await startFlow(harness, user.code);
    // The first device's registration response, created but not yet posted: the intruder replays it.
    const authenticator = new SoftAuthenticator();
    const registration = await createPasskeyResponse(harness, user.code, authenticator);
    // Well-formed, so that the route's schema lets it through to the binding check.
    const assertion = {
      id: 'AAAA',
      rawId: 'AAAA',
      type: 'public-key',
      response: { clientDataJSON: 'AAAA', authenticatorData: 'AAAA', signature: 'AAAA' },
      clientExtensionResults: {},
    };
    const before = await fingerprint();

    const intruder = newDevice();
    // A wrong secret under the right name is no better than no cookie.
    const forger: Device = {
      ...newDevice(),
      cookies: new Map([...phone.cookies].map(([name]) => [name, 'x'.repeat(32)])),
    };
    for (const device of [intruder, forger]) {
      const steps: Array<[string, Record<string, unknown>]> = [
        ['start', { userAgent: PHONE_USER_AGENT, webdriver: false }],
        ['passkey/registration-options', {}],
        ['passkey/register', { response: registration }],
        ['passkey/authentication-options', {}],
        ['passkey/authenticate', { response: assertion }],
        ['challenge', { flowToken: 'flow_guess' }],
        ['liveness/challenge', { flowToken: 'flow_guess' }],
        [
          'liveness',
          {
            flowToken: 'flow_guess',
            challengeId: 'l'.repeat(32),
            consent: true,
            frames: [
              { move: 'center', image: '/9j/4AAQ' },
              { move: 'left', image: '/9j/4AAQ' },
            ],
          },
        ],
        ['liveness/skip', { flowToken: 'flow_guess', reason: 'declined' }],
        [
          'complete',
          { flowToken: 'flow_guess', challengeId: null, userAgent: 'x', webdriver: false, trace: null },
        ],
        ['sandbox', { outcome: 'verified' }],
      ];
      for (const [step, payload] of steps) {
        const reply = await asDevice(harness, device, () => postFlow(harness, user.code, step, payload));
        const message = expectPoyError(reply, 409, 'invite_in_use', step);
        assert.match(message, IN_USE_MESSAGE);
        assert.equal(reply.cookies.length, 0, `${step}: no cookie for the intruder`);
      }
    }
    assert.deepEqual(await fingerprint(), before, 'a refused device wrote nothing');

    // The first device goes on with the very response the intruder posted, and finishes.
    const step = parsePasskeyStep(await submitRegistration(harness, user.code, registration));
    const camera = await runCameraStep(harness, user.code, step.flowToken, personOf(authenticator));
    assert.equal(camera.answer.passed, true, JSON.stringify(camera.answer));
    const outcome = parseOutcome(await submitCompletion(harness, user.code, { flowToken: step.flowToken }));
    assert.equal(outcome.status, 'VERIFIED', JSON.stringify(outcome));
  });

  it('a step before anyone started the flow is refused (409 conflict), so start cannot be skipped', async () => {
    const tenant = await createTestTenant(harness);
    const user = await registerUser(harness, tenant.testKey, { reference_user_id: 'skipper' });
    const before = await fingerprint();
    for (const step of ['passkey/registration-options', 'passkey/authentication-options']) {
      const reply = await asDevice(harness, newDevice(), () => postFlow(harness, user.code, step));
      assert.match(expectPoyError(reply, 409, 'conflict', step), /Open the invite link/);
    }
    const sandbox = await asDevice(harness, newDevice(), () =>
      postFlow(harness, user.code, 'sandbox', { outcome: 'verified' }),
    );
    expectPoyError(sandbox, 409, 'conflict', 'sandbox');
    assert.deepEqual(await fingerprint(), before);
  });

  it('one device holds several invites at once, each with its own cookie', async () => {
    const tenant = await createTestTenant(harness);
    const first = await registerUser(harness, tenant.liveKey, { reference_user_id: 'several-1' });
    const second = await registerUser(harness, tenant.liveKey, { reference_user_id: 'several-2' });
    const phone = newDevice();
    switchDevice(harness, phone);
    await startFlow(harness, first.code);
    await startFlow(harness, second.code);
    assert.equal(flowCookiesOf(phone).length, 2);
    assert.equal(phone.cookies.size, 3, 'and one long-lived device id for both');
    // Both flows go on from this device.
    await fetchRequestOptions(harness, first.code);
    await fetchRequestOptions(harness, second.code);
  });

  it('GET /i/{code}: on another phone a 409 page says the link is in use; the desktop shows the notice', async () => {
    const tenant = await createTestTenant(harness);
    const user = await registerUser(harness, tenant.liveKey, { reference_user_id: 'pages' });
    const page = (device: Device, userAgent: string) =>
      injectAsDevice(
        harness,
        { method: 'GET', url: `/i/${user.code}`, headers: { 'user-agent': userAgent } },
        device,
      );
    const phone = newDevice();
    const desktop = newDevice();

    const desktopBefore = await page(desktop, DESKTOP_USER_AGENT);
    assert.equal(desktopBefore.statusCode, 200);
    assert.doesNotMatch(desktopBefore.body, IN_USE_HEADING, 'no notice before any phone started');

    await asDevice(harness, phone, () => startFlow(harness, user.code));

    const elsewhere = await page(newDevice(), PHONE_USER_AGENT);
    assert.equal(elsewhere.statusCode, 409, elsewhere.body);
    assert.match(String(elsewhere.headers['content-type']), /^text\/html/);
    assert.equal(elsewhere.headers['cache-control'], 'no-store');
    assert.match(elsewhere.body, IN_USE_HEADING);
    assert.match(elsewhere.body, /finish on the device where you started/);
    assert.match(elsewhere.body, /ask Project \d+ for a new link/);
    assert.doesNotMatch(elsewhere.body, /phone\.js/, 'no flow is offered');

    const samePhone = await page(phone, PHONE_USER_AGENT);
    assert.equal(samePhone.statusCode, 200, samePhone.body);
    assert.match(samePhone.body, /src="\/assets\/phone\.[0-9a-f]{8}\.js"/);
    assert.doesNotMatch(samePhone.body, IN_USE_HEADING);

    const desktopAfter = await page(desktop, DESKTOP_USER_AGENT);
    assert.equal(desktopAfter.statusCode, 200);
    assert.match(desktopAfter.body, IN_USE_HEADING);
    assert.match(
      desktopAfter.body,
      /src="\/assets\/desktop\.[0-9a-f]{8}\.js"/,
      'the desktop still follows the status',
    );
    assert.match(desktopAfter.body, /class="qr__code"/);
  });

  it('the cookie: HttpOnly, SameSite=Lax, Path=/, Max-Age up to the expiry, not Secure over http', async () => {
    const tenant = await createTestTenant(harness);
    const user = await registerUser(harness, tenant.liveKey, { reference_user_id: 'cookie-http' });
    harness.clock.advanceBy(90_000);
    const reply = await asDevice(harness, newDevice(), () =>
      postFlow(harness, user.code, 'start', { userAgent: PHONE_USER_AGENT, webdriver: false }),
    );
    assert.equal(reply.statusCode, 200, reply.body);
    const header = flowSetCookieOf(reply);
    assert.match(header, /; HttpOnly/);
    assert.match(header, /; SameSite=Lax/);
    assert.match(header, /; Path=\//);
    assert.doesNotMatch(header, /; Secure/);
    const expiresAt = Date.parse(String(reply.json().expiresAt));
    const maxAge = Number(/Max-Age=(\d+)/.exec(header)?.[1]);
    assert.equal(maxAge, Math.floor((expiresAt - harness.clock.now().getTime()) / 1000), header);
  });
});

describe('hosted flow: the device cookie over https', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp({ config: { publicUrl: 'https://poy.example.com' } });
  });
  after(async () => {
    await harness.close();
  });

  it('is Secure when the public URL is https', async () => {
    const tenant = await createTestTenant(harness);
    const registered = await harness.app.inject({
      method: 'POST',
      url: '/v1/business_connect_user/register',
      headers: { 'api-key': tenant.liveKey },
      payload: { reference_user_id: 'cookie-https' },
    });
    const code = new URL(String(registered.json().invite_url)).pathname.split('/').pop() ?? '';
    const reply = await injectAsDevice(harness, {
      method: 'POST',
      url: `/flow/${code}/start`,
      payload: { userAgent: PHONE_USER_AGENT, webdriver: false },
    });
    assert.equal(reply.statusCode, 200, reply.body);
    const header = flowSetCookieOf(reply);
    assert.match(header, /; Secure/);
    assert.match(header, /; HttpOnly/);
    assert.match(header, /; SameSite=Lax/);
    assert.equal(flowCookiesOf(currentDevice(harness)).length, 1);
  });
});
