// Contract tests for the POY surface: the seed's developer documentation (seeds/004) prints example
// requests and responses; these tests send those requests as printed and check every documented
// response field and its type (docs/api.md §2, §5, §6). Values differ from the seed's examples (a new
// enrollee is not at 94), but names, types and formats may not.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import {
  createFlowTestApp,
  inviteCodeOf,
  PUBLIC_URL,
  parseOutcome,
  parseReply,
  type Reply,
  runFlow,
} from '../flow/flow-driver.ts';
import { createTestTenant, type TestApp } from '../harness.ts';
import { SoftAuthenticator } from '../support/soft-authenticator.ts';

/** The seed's verify request, byte for byte as printed. */
const SEED_VERIFY_BODY = `{
"userId": "usr_abc123",
"checkType": "full",
"metadata": {
"ip": "203.0.113.42",
"userAgent": "Mozilla/5.0..."
}
}`;

/** The seed's public-enroll request, with `platform` set to the project's public id. */
function seedEnrollBody(platform: string): string {
  return `{
"email": "user@example.com",
"displayName": "Jane Doe",
"platform": ${JSON.stringify(platform)}
}`;
}

const POY_ID = /^PoY #[0-9A-F]{7}$/;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
const isoDateTime = z
  .string()
  .regex(ISO_8601)
  .refine((value) => Number.isFinite(Date.parse(value)), 'not a date');
const percent = z.number().int().min(0).max(100);
const checkValue = z.enum(['pass', 'fail', 'pending']);
const checksSchema = z.object({ liveness: checkValue, device: checkValue, behavioral: checkValue }).strict();

const verifiedVerifySchema = z
  .object({
    isHuman: z.boolean(),
    trustScore: percent,
    poyId: z.string().regex(POY_ID).nullable(),
    verifiedAt: isoDateTime.nullable(),
    checks: checksSchema,
    assuranceLevel: z.enum(['none', 'passkey', 'liveness', 'unique']).nullable(),
    verificationStatus: z
      .enum(['pending', 'verified', 'failed', 'duplicate', 'review', 'expired', 'cancelled'])
      .nullable(),
    reasons: z.array(z.string()),
    review: z.boolean(),
  })
  .strict();
const unverifiedVerifySchema = verifiedVerifySchema
  .extend({
    enrollmentUrl: z.string().regex(/^http:\/\/localhost:8080\/i\/[0-9A-Za-z]+$/),
    expiresAt: isoDateTime,
  })
  .strict();
const checkSchema = z.object({ isHuman: z.boolean(), poyId: z.string().regex(POY_ID).nullable() }).strict();
const enrollSchema = z
  .object({
    poyId: z.string().regex(POY_ID),
    enrollmentUrl: z.string().regex(/^http:\/\/localhost:8080\/enroll\?token=enr_[0-9A-Za-z]+$/),
    expiresAt: isoDateTime,
  })
  .strict();
const profileSchema = z
  .object({
    poyId: z.string().regex(POY_ID),
    isVerified: z.boolean(),
    badgeLevel: z.enum(['verified', 'unverified']),
    trustScore: percent,
    verifiedSince: isoDateTime.nullable(),
  })
  .strict();
const trustSchema = z
  .object({
    userId: z.string(),
    trustScore: percent,
    level: z.enum(['high', 'medium', 'low', 'none']),
    factors: z
      .object({ liveness: percent, device: percent, behavioral: percent, credential: percent })
      .strict(),
    verificationStatus: z
      .enum(['pending', 'verified', 'failed', 'duplicate', 'review', 'expired', 'cancelled'])
      .nullable(),
    assuranceLevel: z.enum(['none', 'passkey', 'liveness', 'unique']).nullable(),
    reasons: z.array(z.string()),
    review: z.boolean(),
  })
  .strict();
const webhookSchema = z
  .object({
    event: z.literal('user.verified'),
    timestamp: isoDateTime,
    data: z.object({ userId: z.string(), poyId: z.string().regex(POY_ID), trustScore: percent }).strict(),
  })
  .strict();
/** docs/api.md §2: `{"error":{"code":<status>,"message":…}}`, optionally with `type` and `requestId`. */
const errorSchema = z
  .object({
    error: z
      .object({
        code: z.number().int(),
        message: z.string().min(1),
        type: z.string().optional(),
        requestId: z.string().optional(),
      })
      .strict(),
  })
  .strict();

function expectError(reply: Reply, status: number): void {
  const body = parseReply(reply, errorSchema, status, `error ${status}`);
  assert.equal(body.error.code, status, reply.body);
  assert.equal(typeof body.error.code, 'number', reply.body);
}

describe('POY contract (seed developer docs)', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createFlowTestApp();
  });
  after(async () => {
    await harness.close();
  });

  async function postJson(url: string, body: string, key: string | null, remoteAddress?: string) {
    return harness.app.inject({
      method: 'POST',
      url,
      headers: {
        'content-type': 'application/json',
        ...(key ? { authorization: `Bearer ${key}` } : {}),
      },
      payload: body,
      ...(remoteAddress ? { remoteAddress } : {}),
    });
  }
  async function getWithKey(url: string, key: string) {
    return harness.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
  }

  it('POST /api/poy/verify (seed request) for a user not yet verified: every field, plus enrollmentUrl and expiresAt', async () => {
    const tenant = await createTestTenant(harness);
    const reply = await postJson('/api/poy/verify', SEED_VERIFY_BODY, tenant.liveKey);
    const body = parseReply(reply, unverifiedVerifySchema, 200, 'verify');
    assert.equal(body.isHuman, false, reply.body);
    assert.equal(body.poyId, null, reply.body);
    assert.equal(body.verifiedAt, null, reply.body);
    assert.equal(body.trustScore, 0, reply.body);
    assert.deepEqual(body.checks, { liveness: 'pending', device: 'pending', behavioral: 'pending' });
    assert.ok(Date.parse(body.expiresAt) > harness.clock.now().getTime(), reply.body);

    const check = await getWithKey('/api/poy/check?userId=usr_abc123', tenant.liveKey);
    assert.deepEqual(parseReply(check, checkSchema, 200, 'check'), { isHuman: false, poyId: null });

    const trust = await getWithKey('/api/poy/trust/usr_abc123', tenant.liveKey);
    assert.deepEqual(parseReply(trust, trustSchema, 200, 'trust'), {
      userId: 'usr_abc123',
      trustScore: 0,
      level: 'none',
      factors: { liveness: 0, device: 0, behavioral: 0, credential: 0 },
      verificationStatus: 'pending',
      assuranceLevel: null,
      reasons: [],
      review: false,
    });
  });

  it('verify, check, trust, profile and the user.verified webhook for a user verified live through the flow', async () => {
    const tenant = await createTestTenant(harness);
    const pending = parseReply(
      await postJson('/api/poy/verify', SEED_VERIFY_BODY, tenant.liveKey),
      unverifiedVerifySchema,
    );
    const run = await runFlow(harness, inviteCodeOf(pending.enrollmentUrl), new SoftAuthenticator());
    assert.equal(parseOutcome(run.reply).status, 'VERIFIED', run.reply.body);

    // verify: {isHuman, trustScore, poyId, verifiedAt, checks} and nothing to enroll any more.
    const verifyReply = await postJson('/api/poy/verify', SEED_VERIFY_BODY, tenant.liveKey);
    const verified = parseReply(verifyReply, verifiedVerifySchema, 200, 'verify');
    assert.equal(verified.isHuman, true, verifyReply.body);
    assert.equal(verified.poyId, run.passkey.poyId, verifyReply.body);
    assert.ok(verified.verifiedAt !== null, verifyReply.body);
    assert.equal(verified.checks.liveness, 'pass', verifyReply.body);
    for (const value of Object.values(verified.checks)) assert.notEqual(value, 'pending', verifyReply.body);
    assert.ok(verified.trustScore > 0, verifyReply.body);

    // check: {isHuman, poyId}.
    const checkReply = await getWithKey('/api/poy/check?userId=usr_abc123', tenant.liveKey);
    assert.deepEqual(parseReply(checkReply, checkSchema, 200, 'check'), {
      isHuman: true,
      poyId: verified.poyId,
    });

    // trust: {userId, trustScore, level, factors{liveness, device, behavioral, credential}}.
    const trustReply = await getWithKey('/api/poy/trust/usr_abc123', tenant.liveKey);
    const trust = parseReply(trustReply, trustSchema, 200, 'trust');
    assert.equal(trust.userId, 'usr_abc123');
    assert.equal(trust.trustScore, verified.trustScore, trustReply.body);
    assert.notEqual(trust.level, 'none', trustReply.body);
    assert.ok(trust.factors.liveness > 0, trustReply.body);

    // profile: {poyId, isVerified, badgeLevel, trustScore, verifiedSince}, by "PoY #…" and by the hex.
    const poyId = verified.poyId ?? '';
    for (const id of [encodeURIComponent(poyId), poyId.slice('PoY #'.length)]) {
      const reply = await harness.app.inject({ method: 'GET', url: `/api/poy/profile/${id}` });
      assert.deepEqual(
        parseReply(reply, profileSchema, 200, `profile ${id}`),
        {
          poyId,
          isVerified: true,
          badgeLevel: 'verified',
          trustScore: verified.trustScore,
          verifiedSince: verified.verifiedAt,
        },
        reply.body,
      );
    }

    // The webhook payload: {"event":"user.verified","timestamp","data":{userId, poyId, trustScore}}.
    const rows = await harness.store.listOutboxEvents({ projectId: tenant.project.id });
    const poyRows = rows.filter((row) => row.surface === 'poy' && row.eventType === 'user.verified');
    assert.equal(poyRows.length, 1, JSON.stringify(rows));
    const event = webhookSchema.safeParse(JSON.parse(poyRows[0]?.bodyJson ?? 'null'));
    assert.ok(event.success, poyRows[0]?.bodyJson);
    assert.deepEqual(event.data.data, { userId: 'usr_abc123', poyId, trustScore: verified.trustScore });
  });

  it('POST /api/poy/public-enroll (seed request) → {poyId, enrollmentUrl: <PUBLIC_URL>/enroll?token=enr_…, expiresAt}', async () => {
    const tenant = await createTestTenant(harness);
    const reply = await postJson(
      '/api/poy/public-enroll',
      seedEnrollBody(tenant.project.publicId),
      null,
      '198.51.100.200',
    );
    const body = parseReply(reply, enrollSchema, 200, 'public-enroll');
    assert.ok(body.enrollmentUrl.startsWith(`${PUBLIC_URL}/enroll?token=enr_`), reply.body);
    assert.ok(Date.parse(body.expiresAt) > harness.clock.now().getTime(), reply.body);

    for (const id of [encodeURIComponent(body.poyId), body.poyId.slice('PoY #'.length)]) {
      const profile = await harness.app.inject({ method: 'GET', url: `/api/poy/profile/${id}` });
      assert.deepEqual(parseReply(profile, profileSchema, 200, `profile ${id}`), {
        poyId: body.poyId,
        isVerified: false,
        badgeLevel: 'unverified',
        trustScore: 0,
        verifiedSince: null,
      });
    }
  });

  it('errors: {"error":{"code":<status number>,"message":<string>}} for 400, 401, 403, 404 and 429', async () => {
    const tenant = await createTestTenant(harness);
    // 400: missing required field.
    expectError(await postJson('/api/poy/verify', '{"checkType": "full"}', tenant.liveKey), 400);
    // 401: missing, then invalid key (the seed's example).
    expectError(await postJson('/api/poy/verify', SEED_VERIFY_BODY, null), 401);
    expectError(await postJson('/api/poy/verify', SEED_VERIFY_BODY, 'your-api-key'), 401);
    // 403: the key lacks permission (the sandbox with a live key).
    expectError(
      await postJson(
        '/api/poy/sandbox/outcome',
        '{"userId":"usr_abc123","outcome":"verified"}',
        tenant.liveKey,
      ),
      403,
    );
    // 404: user or resource does not exist.
    expectError(await getWithKey('/api/poy/trust/usr_unknown', tenant.liveKey), 404);
    expectError(await harness.app.inject({ method: 'GET', url: '/api/poy/profile/0000000' }), 404);
    // 429: public-enroll's 10 per minute per IP, with Retry-After.
    const ip = '198.51.100.201';
    for (let request = 0; request < 10; request++) {
      const ok = await postJson('/api/poy/public-enroll', seedEnrollBody(tenant.project.publicId), null, ip);
      assert.equal(ok.statusCode, 200, ok.body);
    }
    const limited = await postJson(
      '/api/poy/public-enroll',
      seedEnrollBody(tenant.project.publicId),
      null,
      ip,
    );
    expectError(limited, 429);
    assert.match(String(limited.headers['retry-after']), /^\d+$/, JSON.stringify(limited.headers));
  });
});
