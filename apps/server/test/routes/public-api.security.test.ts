// Public enrollment needs no key, so it is limited per client IP (docs/api.md §3: 10 per minute, whatever
// the key), and the e-mail it receives is personal data: kept only as a keyed hash, never logged.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { hashEmail } from '../../src/core/users/public-enroll.ts';
import { expectPoyError, type Reply } from '../flow/flow-driver.ts';
import { createCapturingLogger, createTestApp, createTestTenant, type TestApp } from '../harness.ts';

function headerNumber(reply: Reply, name: string): number {
  const value = reply.headers[name];
  assert.ok(typeof value === 'string' && /^\d+$/.test(value), `${name}: ${String(value)} (${reply.body})`);
  return Number(value);
}

describe('public enroll: security', () => {
  let harness: TestApp;
  let platform: string;
  let liveKey: string;
  let logLines: string[];
  before(async () => {
    const capturing = createCapturingLogger();
    logLines = capturing.lines;
    harness = await createTestApp({ logger: capturing.logger });
    const tenant = await createTestTenant(harness);
    platform = tenant.project.publicId;
    liveKey = tenant.liveKey;
  });
  after(async () => {
    await harness.close();
  });

  async function enroll(
    remoteAddress: string,
    email: string,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    return harness.app.inject({
      method: 'POST',
      url: '/api/poy/public-enroll',
      remoteAddress,
      headers,
      payload: { email, displayName: 'Rate Limited', platform },
    });
  }

  it('the 11th request in a minute from one IP → 429 with Retry-After and RateLimit headers; another IP is still allowed', async () => {
    const ip = '203.0.113.10';
    for (let request = 1; request <= 10; request++) {
      const reply = await enroll(ip, `burst-${request}@example.com`);
      assert.equal(reply.statusCode, 200, `request ${request}: ${reply.body}`);
      assert.equal(headerNumber(reply, 'ratelimit-limit'), 10);
      assert.equal(headerNumber(reply, 'ratelimit-remaining'), 10 - request);
      const reset = headerNumber(reply, 'ratelimit-reset');
      assert.ok(reset >= 1 && reset <= 60, `RateLimit-Reset ${reset}`);
    }
    const limited = await enroll(ip, 'burst-11@example.com');
    expectPoyError(limited, 429, 'rate_limited');
    const retryAfter = headerNumber(limited, 'retry-after');
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    assert.equal(headerNumber(limited, 'ratelimit-limit'), 10);
    assert.equal(headerNumber(limited, 'ratelimit-remaining'), 0);
    assert.ok(headerNumber(limited, 'ratelimit-reset') >= 1);
    // The refused request wrote nothing.
    const human = await harness.store.findHumanByEmailHash(
      'live',
      hashEmail(harness.app.services.verification, 'burst-11@example.com'),
    );
    assert.equal(human, null);

    const elsewhere = await enroll('203.0.113.11', 'burst-11@example.com');
    assert.equal(elsewhere.statusCode, 200, elsewhere.body);
    assert.equal(headerNumber(elsewhere, 'ratelimit-remaining'), 9);
  });

  it('a key does not lift the per-IP limit, and X-Forwarded-For is not trusted by default', async () => {
    const ip = '203.0.113.20';
    for (let request = 1; request <= 10; request++) {
      assert.equal((await enroll(ip, `keyed-${request}@example.com`)).statusCode, 200);
    }
    expectPoyError(
      await enroll(ip, 'keyed-11@example.com', { authorization: `Bearer ${liveKey}` }),
      429,
      'rate_limited',
    );
    expectPoyError(
      await enroll(ip, 'keyed-11@example.com', { 'x-forwarded-for': '198.51.100.99' }),
      429,
      'rate_limited',
    );
  });

  it('invalid requests count too: a flood of bad bodies is limited like good ones', async () => {
    const ip = '203.0.113.30';
    for (let request = 1; request <= 10; request++) {
      const reply = await harness.app.inject({
        method: 'POST',
        url: '/api/poy/public-enroll',
        remoteAddress: ip,
        payload: { email: 'nope' },
      });
      assert.equal(reply.statusCode, 400, reply.body);
    }
    expectPoyError(await enroll(ip, 'after-flood@example.com'), 429, 'rate_limited');
  });

  it('the e-mail is neither stored in clear nor logged', async () => {
    const email = 'Secret.Address@example.net';
    const reply = await enroll('203.0.113.50', email);
    assert.equal(reply.statusCode, 200, reply.body);
    assert.ok(!reply.body.toLowerCase().includes('secret.address'), reply.body);
    const human = await harness.store.findHumanByEmailHash(
      'live',
      hashEmail(harness.app.services.verification, email),
    );
    assert.ok(human, 'found by the hash');
    assert.notEqual(human.emailHash, email);
    assert.ok(!JSON.stringify(human).toLowerCase().includes('secret.address'), JSON.stringify(human));
    const leaked = logLines.filter((line) => line.toLowerCase().includes('secret.address'));
    assert.deepEqual(leaked, []);
    assert.ok(logLines.length > 0, 'the capturing logger saw the requests');
  });

  it('the e-mail hash is keyed: it is not a plain SHA-256 of the address', async () => {
    const hash = hashEmail(harness.app.services.verification, 'user@example.com');
    assert.notEqual(hash, createHash('sha256').update('user@example.com').digest('hex'));
  });
});
