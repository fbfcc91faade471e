// Bad input on public enrollment: 400 (or 404 for an unknown platform) in the POY format, and no
// identity is created for the e-mail.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hashEmail } from '../../src/core/users/public-enroll.ts';
import { expectPoyError } from '../flow/flow-driver.ts';
import { createTestApp, createTestTenant, type TestApp } from '../harness.ts';

let addressCounter = 0;
function freshAddress(): string {
  addressCounter++;
  return `192.0.2.${addressCounter}`;
}

describe('public enroll: errors', () => {
  let harness: TestApp;
  let platform: string;
  before(async () => {
    harness = await createTestApp();
    platform = (await createTestTenant(harness)).project.publicId;
  });
  after(async () => {
    await harness.close();
  });

  async function enroll(payload: unknown) {
    return harness.app.inject({
      method: 'POST',
      url: '/api/poy/public-enroll',
      remoteAddress: freshAddress(),
      headers: { 'content-type': 'application/json' },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });
  }
  async function assertNoIdentity(email: string): Promise<void> {
    const human = await harness.store.findHumanByEmailHash(
      'live',
      hashEmail(harness.app.services.verification, email),
    );
    assert.equal(human, null, `an identity was created for ${email}`);
  }

  const cases: Array<[string, () => Record<string, unknown> | string, string]> = [
    ['an e-mail without @', () => ({ email: 'not-an-email', displayName: 'Jane', platform }), 'not-an-email'],
    ['an e-mail without a domain', () => ({ email: 'jane@', displayName: 'Jane', platform }), 'jane@'],
    [
      'an e-mail with a space inside',
      () => ({ email: 'ja ne@example.com', displayName: 'Jane', platform }),
      'ja ne@example.com',
    ],
    [
      'an e-mail of 255 characters',
      () => ({ email: `${'a'.repeat(243)}@example.com`, displayName: 'Jane', platform }),
      `${'a'.repeat(243)}@example.com`,
    ],
    [
      'an empty displayName',
      () => ({ email: 'empty-name@example.com', displayName: '', platform }),
      'empty-name@example.com',
    ],
    [
      'a blank displayName',
      () => ({ email: 'blank-name@example.com', displayName: '   ', platform }),
      'blank-name@example.com',
    ],
    [
      'a displayName of 101 characters',
      () => ({ email: 'long-name@example.com', displayName: 'n'.repeat(101), platform }),
      'long-name@example.com',
    ],
    ['no email', () => ({ displayName: 'Jane', platform }), ''],
    ['no displayName', () => ({ email: 'no-name@example.com', platform }), 'no-name@example.com'],
    [
      'no platform',
      () => ({ email: 'no-platform@example.com', displayName: 'Jane' }),
      'no-platform@example.com',
    ],
    [
      'an empty platform',
      () => ({ email: 'empty-platform@example.com', displayName: 'Jane', platform: '' }),
      'empty-platform@example.com',
    ],
    ['a numeric email', () => ({ email: 42, displayName: 'Jane', platform }), '42'],
    ['malformed JSON', () => '{"email":"json@example.com",', 'json@example.com'],
    ['an empty object', () => ({}), ''],
  ];
  for (const [name, payload, email] of cases) {
    it(`${name} → 400, nothing written`, async () => {
      const reply = await enroll(payload());
      const message = expectPoyError(reply, 400, 'invalid_request');
      assert.ok(message.length > 0, reply.body);
      if (email) await assertNoIdentity(email);
    });
  }

  it('the message names the offending field', async () => {
    const reply = await enroll({ email: 'not-an-email', displayName: 'Jane', platform });
    assert.match(expectPoyError(reply, 400, 'invalid_request'), /email/, reply.body);
  });

  it('an unknown platform → 404, nothing written', async () => {
    const reply = await enroll({
      email: 'nowhere@example.com',
      displayName: 'Jane',
      platform: 'no-such-project',
    });
    expectPoyError(reply, 404, 'not_found');
    await assertNoIdentity('nowhere@example.com');
  });

  it('the platform is the public id, not the internal project id', async () => {
    const tenant = await createTestTenant(harness);
    const reply = await enroll({
      email: 'internal@example.com',
      displayName: 'Jane',
      platform: tenant.project.id,
    });
    expectPoyError(reply, 404, 'not_found');
    await assertNoIdentity('internal@example.com');
  });

  it('an enrollment link with a missing or malformed token → the friendly 404 page', async () => {
    for (const url of [
      '/enroll',
      '/enroll?token=',
      '/enroll?token=abc',
      '/enroll?token=enr_',
      '/enroll?token=enr_%3Cscript%3E',
    ]) {
      const reply = await harness.app.inject({ method: 'GET', url });
      assert.equal(reply.statusCode, 404, `${url}: ${reply.body}`);
      assert.match(String(reply.headers['content-type']), /^text\/html/, url);
      assert.ok(!reply.body.includes('<script>'), reply.body);
    }
    // Well-formed but unknown: the redirect happens, the invite page then says it does not exist.
    const unknown = await harness.app.inject({
      method: 'GET',
      url: '/enroll?token=enr_AAAAAAAAAAAAAAAAAAAAAA',
    });
    assert.equal(unknown.statusCode, 303, unknown.body);
    const page = await harness.app.inject({ method: 'GET', url: String(unknown.headers.location) });
    assert.equal(page.statusCode, 404, page.body);
  });
});
