// Bad input on the POY user routes: every one is a 400 in the POY error format (docs/api.md §2), and
// nothing is written (no user link, no session, no event).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectPoyError, type Reply } from '../flow/flow-driver.ts';
import { bodyOf, createTestApp, createTestTenant, type TestApp, type TestTenant } from '../harness.ts';

describe('POY user routes: errors', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp();
  });
  after(async () => {
    await harness.close();
  });

  async function post(key: string, url: string, payload: unknown): Promise<Reply> {
    return harness.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });
  }
  async function get(key: string, url: string): Promise<Reply> {
    return harness.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
  }
  async function assertNothingWritten(tenant: TestTenant, userIds: string[]): Promise<void> {
    for (const mode of ['live', 'test'] as const) {
      for (const referenceUserId of userIds) {
        const user = await harness.store.findConnectUser({
          projectId: tenant.project.id,
          mode,
          referenceUserId,
        });
        assert.equal(user, null, `a ${mode} link was written for ${referenceUserId}`);
      }
    }
    const events = await harness.store.listOutboxEvents({ projectId: tenant.project.id });
    assert.deepEqual(events, [], JSON.stringify(events));
  }

  const longId = 'u'.repeat(257);
  const badVerifyBodies: Array<[string, unknown, string[]]> = [
    ['no userId', { checkType: 'full' }, []],
    ['an empty userId', { userId: '' }, ['']],
    ['a blank userId', { userId: '   ' }, ['   ', '']],
    ['a userId of 257 characters', { userId: longId }, [longId]],
    ['a numeric userId', { userId: 42 }, ['42']],
    ['checkType "deep"', { userId: 'deep-user', checkType: 'deep' }, ['deep-user']],
    ['metadata.ip "not-an-ip"', { userId: 'ip-user', metadata: { ip: 'not-an-ip' } }, ['ip-user']],
    ['metadata that is not an object', { userId: 'meta-user', metadata: 'x' }, ['meta-user']],
    [
      'a userAgent longer than 1024',
      { userId: 'ua-user', metadata: { userAgent: 'x'.repeat(1025) } },
      ['ua-user'],
    ],
    ['a JSON array', [{ userId: 'array-user' }], ['array-user']],
    ['malformed JSON', '{"userId": "broken"', ['broken']],
  ];
  for (const [name, payload, userIds] of badVerifyBodies) {
    it(`verify with ${name} → 400, nothing written`, async () => {
      const tenant = await createTestTenant(harness);
      for (const key of [tenant.liveKey, tenant.testKey]) {
        const message = expectPoyError(await post(key, '/api/poy/verify', payload), 400, 'invalid_request');
        assert.ok(message.length > 0);
      }
      await assertNothingWritten(tenant, userIds);
    });
  }

  it("verify with a redirectUrl off the project's origins → 400 redirect_url_not_allowed, nothing written", async () => {
    const tenant = await createTestTenant(harness, { redirectOrigins: ['https://app.example'] });
    for (const [key, userId, redirectUrl, checkType] of [
      [tenant.liveKey, 'off-origin', 'https://evil.example/back', 'full'],
      [tenant.testKey, 'off-origin', 'https://app.example.evil.example/back', 'full'],
      [tenant.liveKey, 'wrong-scheme', 'http://app.example/back', 'full'],
      [tenant.liveKey, 'quick-too', 'https://evil.example/back', 'quick'],
    ] as const) {
      const reply = await post(key, '/api/poy/verify', { userId, redirectUrl, checkType });
      assert.match(expectPoyError(reply, 400, 'redirect_url_not_allowed'), /redirectUrl/, reply.body);
    }
    await assertNothingWritten(tenant, ['off-origin', 'wrong-scheme', 'quick-too']);
    // A non-http(s) or relative URL is a validation error, also before anything is written.
    for (const redirectUrl of ['javascript:alert(1)', '/back']) {
      const reply = await post(tenant.liveKey, '/api/poy/verify', { userId: 'bad-url', redirectUrl });
      assert.match(expectPoyError(reply, 400, 'invalid_request'), /redirectUrl/, reply.body);
    }
    await assertNothingWritten(tenant, ['bad-url']);
  });

  it('verify with a redirectUrl on an allowed origin stores it for the hosted flow', async () => {
    const tenant = await createTestTenant(harness, { redirectOrigins: ['https://app.example'] });
    const reply = await post(tenant.liveKey, '/api/poy/verify', {
      userId: 'on-origin',
      redirectUrl: 'https://app.example/back?x=1',
    });
    assert.equal(reply.statusCode, 200, reply.body);
    assert.ok(String(bodyOf(reply).enrollmentUrl).includes('/i/'), reply.body);
    const user = await harness.store.findConnectUser({
      projectId: tenant.project.id,
      mode: 'live',
      referenceUserId: 'on-origin',
    });
    assert.equal(user?.redirectUrl, 'https://app.example/back?x=1');
  });

  it('verify names the offending field in the message', async () => {
    const tenant = await createTestTenant(harness);
    const reply = await post(tenant.liveKey, '/api/poy/verify', { userId: 'x', checkType: 'deep' });
    assert.match(expectPoyError(reply, 400, 'invalid_request'), /checkType/, reply.body);
    const ip = await post(tenant.liveKey, '/api/poy/verify', { userId: 'x', metadata: { ip: 'not-an-ip' } });
    assert.match(expectPoyError(ip, 400, 'invalid_request'), /metadata\.ip/, ip.body);
  });

  it('the limits are inclusive: a 256-character userId and the seed metadata are accepted', async () => {
    const tenant = await createTestTenant(harness);
    const reply = await post(tenant.testKey, '/api/poy/verify', {
      userId: 'u'.repeat(256),
      checkType: 'quick',
      metadata: { ip: '2001:db8::1', userAgent: 'Mozilla/5.0...' },
    });
    assert.equal(reply.statusCode, 200, reply.body);
    assert.equal(bodyOf(reply).isHuman, false, reply.body);
  });

  for (const [name, query] of [
    ['no userId', ''],
    ['an empty userId', '?userId='],
    ['a blank userId', '?userId=%20%20'],
    ['a userId of 257 characters', `?userId=${longId}`],
    ['another parameter only', '?user=abc'],
  ] as const) {
    it(`check with ${name} → 400`, async () => {
      const tenant = await createTestTenant(harness);
      expectPoyError(await get(tenant.liveKey, `/api/poy/check${query}`), 400, 'invalid_request');
      await assertNothingWritten(tenant, ['', 'abc']);
    });
  }

  it('trust of a userId this project has never seen → 404', async () => {
    const tenant = await createTestTenant(harness);
    expectPoyError(await get(tenant.liveKey, '/api/poy/trust/nobody'), 404, 'not_found');
    expectPoyError(await get(tenant.liveKey, '/api/poy/trust/%20%20'), 400, 'invalid_request');
    await assertNothingWritten(tenant, ['nobody']);
  });

  const badSandboxBodies: Array<[string, unknown]> = [
    ['an unknown outcome', { userId: 'sandboxed', outcome: 'approved' }],
    ['an upper-case outcome', { userId: 'sandboxed', outcome: 'VERIFIED' }],
    ['no outcome', { userId: 'sandboxed' }],
    ['no userId', { outcome: 'verified' }],
    ['a userId of 257 characters', { userId: longId, outcome: 'verified' }],
  ];
  for (const [name, payload] of badSandboxBodies) {
    it(`sandbox with ${name} → 400, nothing written`, async () => {
      const tenant = await createTestTenant(harness);
      expectPoyError(await post(tenant.testKey, '/api/poy/sandbox/outcome', payload), 400, 'invalid_request');
      await assertNothingWritten(tenant, ['sandboxed', longId]);
    });
  }

  it('wrong methods → 405 in the POY format', async () => {
    const tenant = await createTestTenant(harness);
    const reply = await get(tenant.liveKey, '/api/poy/verify');
    expectPoyError(reply, 405, 'method_not_allowed');
  });
});
