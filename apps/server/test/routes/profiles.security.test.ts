// What a public profile must not reveal: sandbox (test-mode) identities are not public at all, and a
// live profile carries only the documented non-sensitive fields. Profiles are limited per IP.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { expectPoyError, parseReply, type Reply } from '../flow/flow-driver.ts';
import { createTestApp, createTestTenant, type TestApp } from '../harness.ts';

const POY_ID = /^PoY #[0-9A-F]{7}$/;
const sandboxAnswer = z.object({ isHuman: z.literal(true), poyId: z.string().regex(POY_ID) }).loose();
const enrollmentSchema = z
  .object({ poyId: z.string().regex(POY_ID), enrollmentUrl: z.string(), expiresAt: z.iso.datetime() })
  .strict();

let addressCounter = 0;
function freshAddress(): string {
  addressCounter++;
  return `192.0.2.${addressCounter}`;
}

describe('public profiles: security', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp();
  });
  after(async () => {
    await harness.close();
  });

  async function profile(id: string, remoteAddress = freshAddress()): Promise<Reply> {
    return harness.app.inject({ method: 'GET', url: `/api/poy/profile/${id}`, remoteAddress });
  }

  it('a sandbox (test-mode) human has no public profile, page or badge: each says so and shows nothing of it', async () => {
    const tenant = await createTestTenant(harness);
    const reply = await harness.app.inject({
      method: 'POST',
      url: '/api/poy/sandbox/outcome',
      headers: { authorization: `Bearer ${tenant.testKey}` },
      payload: { userId: 'sandbox-human', outcome: 'verified' },
    });
    const { poyId } = parseReply(reply, sandboxAnswer, 200, 'sandbox');
    const code = poyId.slice('PoY #'.length);
    const human = await harness.store.findHumanByPoyCode(code);
    assert.equal(human?.mode, 'test', JSON.stringify(human));
    assert.equal(human?.status, 'verified', JSON.stringify(human));

    // Not public, and said so (a distinct code, docs/errors.md), but nothing of the identity is shown.
    for (const reply of [await profile(encodeURIComponent(poyId)), await profile(code)]) {
      expectPoyError(reply, 404, 'test_identity_not_public');
      assert.ok(!/trustScore|verifiedSince|isVerified/.test(reply.body), reply.body);
    }
    const page = await harness.app.inject({ method: 'GET', url: `/p/${code}` });
    assert.equal(page.statusCode, 404, page.body);
    assert.ok(!/Trust score|Verified human|Verified since|badge\.svg/.test(page.body), page.body);
    const badge = await harness.app.inject({ method: 'GET', url: `/p/${code}/badge.svg` });
    assert.equal(badge.statusCode, 404, badge.body);
    assert.match(String(badge.headers['content-type']), /^image\/svg\+xml/);
    assert.ok(!badge.body.includes('verified human'), badge.body);
  });

  it('a live profile shows only the documented fields: no e-mail, name or internal id', async () => {
    const tenant = await createTestTenant(harness);
    const enrolled = parseReply(
      await harness.app.inject({
        method: 'POST',
        url: '/api/poy/public-enroll',
        remoteAddress: freshAddress(),
        payload: {
          email: 'hidden.person@example.com',
          displayName: 'Hidden Person',
          platform: tenant.project.publicId,
        },
      }),
      enrollmentSchema,
    );
    const code = enrolled.poyId.slice('PoY #'.length);
    const human = await harness.store.findHumanByPoyCode(code);
    assert.ok(human, 'the enrollee exists');
    const reply = await profile(code);
    assert.equal(reply.statusCode, 200, reply.body);
    const parsed: unknown = JSON.parse(reply.body);
    assert.ok(typeof parsed === 'object' && parsed !== null, reply.body);
    assert.deepEqual(Object.keys(parsed).sort(), [
      'badgeLevel',
      'isVerified',
      'poyId',
      'trustScore',
      'verifiedSince',
    ]);
    for (const secret of ['hidden.person', 'Hidden Person', human.id, human.emailHash ?? 'no-hash']) {
      assert.ok(!reply.body.includes(secret), `${secret} leaked: ${reply.body}`);
    }
    const page = await harness.app.inject({ method: 'GET', url: `/p/${code}` });
    assert.equal(page.statusCode, 200, page.body);
    for (const secret of ['hidden.person', 'Hidden Person', human.id]) {
      assert.ok(!page.body.includes(secret), `${secret} leaked on the page`);
    }
  });

  it('profiles are limited per client IP (not a bulk export)', async () => {
    const ip = '203.0.113.77';
    let limited: Reply | null = null;
    for (let request = 1; request <= 200 && !limited; request++) {
      const reply = await profile('0000000', ip);
      if (reply.statusCode === 429) limited = reply;
      else assert.equal(reply.statusCode, 404, reply.body);
    }
    assert.ok(limited, 'no 429 within 200 requests');
    expectPoyError(limited, 429, 'rate_limited');
    assert.match(String(limited.headers['retry-after']), /^\d+$/);
    assert.equal(limited.headers['ratelimit-remaining'], '0');
    // Someone else is unaffected.
    expectPoyError(await profile('0000000', '203.0.113.78'), 404, 'not_found');
  });
});
