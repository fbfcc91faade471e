// What `start` leaves for the velocity limits (docs/assurance.md §5): keyed digests of the client IP,
// its network prefix and the long-lived device id on the session, never the values themselves, and
// the `poy_device` cookie that carries the device id (HttpOnly, SameSite=Lax, a year, Secure on https).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { deriveServerSecrets } from '../../src/core/secrets.ts';
import { hashToken } from '../../src/core/token-digest.ts';
import { deriveVelocityDigests } from '../../src/core/velocity/velocity-digests.ts';
import { createTestApp, createTestConfig, createTestTenant, type TestApp } from '../harness.ts';
import { createFlowTestApp, PHONE_USER_AGENT, type Reply, registerUser } from './flow-driver.ts';

const secrets = deriveServerSecrets(createTestConfig().secretKey);
const YEAR_SECONDS = 31_536_000;

/** POST /flow/{code}/start from `remoteAddress`, sending `cookies`. */
async function startFrom(
  harness: TestApp,
  code: string,
  remoteAddress: string,
  cookies: Record<string, string> = {},
): Promise<Reply> {
  const cookie = Object.entries(cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');
  return harness.app.inject({
    method: 'POST',
    url: `/flow/${code}/start`,
    remoteAddress,
    headers: cookie === '' ? {} : { cookie },
    payload: { userAgent: PHONE_USER_AGENT, webdriver: false },
  });
}

function setCookieLines(reply: Reply): string[] {
  const header = reply.headers['set-cookie'];
  return Array.isArray(header) ? header.map(String) : header === undefined ? [] : [String(header)];
}

function deviceCookieOf(reply: Reply): { value: string; line: string } | null {
  const line = setCookieLines(reply).find((candidate) => candidate.startsWith('poy_device='));
  const cookie = reply.cookies.find((candidate) => candidate.name === 'poy_device');
  return line && cookie ? { value: cookie.value, line } : null;
}

function flowCookiesOf(reply: Reply): Record<string, string> {
  return Object.fromEntries(
    reply.cookies
      .filter((cookie) => cookie.name.startsWith('poy_flow_'))
      .map((cookie) => [cookie.name, cookie.value]),
  );
}

describe('hosted flow: start records velocity digests', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createFlowTestApp();
  });
  after(async () => {
    await harness.close();
  });

  const sessionOf = async (code: string) => harness.store.findSessionByInviteHash(hashToken(code));

  it('sets a year-long HttpOnly poy_device cookie and keeps only keyed digests on the session', async () => {
    const tenant = await createTestTenant(harness);
    const user = await registerUser(harness, tenant.liveKey, { reference_user_id: 'velocity-digests' });
    const reply = await startFrom(harness, user.code, '203.0.113.9');
    assert.equal(reply.statusCode, 200, reply.body);
    const device = deviceCookieOf(reply);
    assert.ok(device, setCookieLines(reply).join('\n'));
    assert.match(device.value, /^[A-Za-z0-9_-]{43}$/);
    assert.match(device.line, /; HttpOnly/);
    assert.match(device.line, /; SameSite=Lax/);
    assert.match(device.line, /; Path=\//);
    assert.match(device.line, new RegExp(`; Max-Age=${YEAR_SECONDS}(;|$)`));
    assert.doesNotMatch(device.line, /; Secure/);

    const session = await sessionOf(user.code);
    const expected = deriveVelocityDigests({ secrets }, { clientIp: '203.0.113.9', deviceId: device.value });
    assert.equal(session?.startIpHashHex, expected.ipHashHex);
    assert.equal(session?.startPrefixHashHex, expected.prefixHashHex);
    assert.equal(session?.startDeviceHashHex, expected.deviceHashHex);
    assert.equal(session?.createdHuman, false);
    const stored = JSON.stringify(session);
    assert.ok(!stored.includes('203.0.113.9'), 'no address in the clear');
    assert.ok(!stored.includes(device.value), 'no device id in the clear');
  });

  it('a second invite on the same device: same device digest, no new cookie; a neighbour shares the prefix', async () => {
    const tenant = await createTestTenant(harness);
    const first = await registerUser(harness, tenant.liveKey, { reference_user_id: 'velocity-first' });
    const second = await registerUser(harness, tenant.liveKey, { reference_user_id: 'velocity-second' });
    const firstReply = await startFrom(harness, first.code, '198.51.100.10');
    const device = deviceCookieOf(firstReply);
    assert.ok(device);
    const secondReply = await startFrom(harness, second.code, '198.51.100.11', { poy_device: device.value });
    assert.equal(secondReply.statusCode, 200, secondReply.body);
    assert.equal(deviceCookieOf(secondReply), null, 'the device keeps its id');
    const [a, b] = [await sessionOf(first.code), await sessionOf(second.code)];
    assert.equal(b?.startDeviceHashHex, a?.startDeviceHashHex);
    assert.equal(b?.startPrefixHashHex, a?.startPrefixHashHex, 'same /24');
    assert.notEqual(b?.startIpHashHex, a?.startIpHashHex);
  });

  it('an IPv4-mapped IPv6 client counts as its IPv4 address', async () => {
    const tenant = await createTestTenant(harness);
    const mapped = await registerUser(harness, tenant.liveKey, { reference_user_id: 'velocity-mapped' });
    const plain = await registerUser(harness, tenant.liveKey, { reference_user_id: 'velocity-plain' });
    const device = deviceCookieOf(await startFrom(harness, mapped.code, '::ffff:192.0.2.44'));
    assert.ok(device);
    await startFrom(harness, plain.code, '192.0.2.44', { poy_device: device.value });
    assert.equal(
      (await sessionOf(mapped.code))?.startIpHashHex,
      (await sessionOf(plain.code))?.startIpHashHex,
    );
  });

  it('a reload from elsewhere does not move the digests; a malformed device id is replaced', async () => {
    const tenant = await createTestTenant(harness);
    const user = await registerUser(harness, tenant.liveKey, { reference_user_id: 'velocity-reload' });
    const first = await startFrom(harness, user.code, '192.0.2.50', { poy_device: 'chosen-by-the-client' });
    const device = deviceCookieOf(first);
    assert.ok(device, 'a cookie the server did not make is replaced');
    assert.notEqual(device.value, 'chosen-by-the-client');
    const before = await sessionOf(user.code);
    const reload = await startFrom(harness, user.code, '203.0.113.200', {
      ...flowCookiesOf(first),
      poy_device: device.value,
    });
    assert.equal(reload.statusCode, 200, reload.body);
    const afterReload = await sessionOf(user.code);
    assert.equal(afterReload?.startIpHashHex, before?.startIpHashHex);
    assert.equal(afterReload?.startDeviceHashHex, before?.startDeviceHashHex);
    assert.equal(afterReload?.startedAt?.getTime(), before?.startedAt?.getTime());
  });
});

describe('hosted flow: the poy_device cookie over https', () => {
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
      payload: { reference_user_id: 'velocity-https' },
    });
    const code = new URL(String(registered.json().invite_url)).pathname.split('/').pop() ?? '';
    const reply = await startFrom(harness, code, '203.0.113.1');
    assert.equal(reply.statusCode, 200, reply.body);
    assert.match(deviceCookieOf(reply)?.line ?? '', /; Secure/);
  });
});
