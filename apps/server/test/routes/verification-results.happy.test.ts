// Results that explain themselves (docs/api.md §5, docs/assurance.md §6): a verification that failed,
// expired, was a duplicate or is held is reported as such on both surfaces (POY `verify` and `trust`,
// Connect `get_status`), and an expiry, forced or by time, emits its event on both.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { expireDueSessions } from '../../src/core/verification/verification-sessions.ts';
import { createFlowTestApp, parseReply, type Reply } from '../flow/flow-driver.ts';
import { createTestTenant, type TestApp } from '../harness.ts';
import { createHeldVerification, createHoldingTenant } from '../support/held-verification.ts';
import { connectPost, GET_STATUS, REGISTER, SANDBOX } from './connect-helpers.ts';

const INVITE_TTL_SECONDS = 3600;
const INVITE_URL = /^http:\/\/localhost:8080\/i\/[0-9A-Za-z]+$/;
const checkValue = z.enum(['pass', 'fail', 'pending']);
const checks = z.object({ liveness: checkValue, device: checkValue, behavioral: checkValue }).strict();
const report = {
  verificationStatus: z
    .enum(['pending', 'verified', 'failed', 'duplicate', 'review', 'expired', 'cancelled'])
    .nullable(),
  assuranceLevel: z.enum(['none', 'passkey', 'liveness', 'unique']).nullable(),
  reasons: z.array(z.string()),
  review: z.boolean(),
};
const verifySchema = z
  .object({
    isHuman: z.boolean(),
    trustScore: z.number().int(),
    poyId: z.string().nullable(),
    verifiedAt: z.iso.datetime().nullable(),
    checks,
    enrollmentUrl: z.string().optional(),
    expiresAt: z.iso.datetime().optional(),
    ...report,
  })
  .strict();
const trustSchema = z
  .object({
    userId: z.string(),
    trustScore: z.number().int(),
    level: z.enum(['high', 'medium', 'low', 'none']),
    factors: z.record(z.string(), z.number()),
    ...report,
  })
  .strict();
const FAILED_CHECKS = { liveness: 'fail', device: 'fail', behavioral: 'fail' };

describe('results that explain themselves: both surfaces', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createFlowTestApp({ inviteTtlSeconds: INVITE_TTL_SECONDS });
  });
  after(async () => {
    await harness.close();
  });

  async function poyPost(key: string, url: string, payload: Record<string, unknown>): Promise<Reply> {
    return harness.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${key}` }, payload });
  }
  async function verify(key: string, userId: string, checkType: 'full' | 'quick' = 'full') {
    const reply = await poyPost(key, '/api/poy/verify', { userId, checkType });
    return parseReply(reply, verifySchema, 200, `verify ${checkType}`);
  }
  async function trust(key: string, userId: string) {
    const reply = await harness.app.inject({
      method: 'GET',
      url: `/api/poy/trust/${encodeURIComponent(userId)}`,
      headers: { authorization: `Bearer ${key}` },
    });
    return parseReply(reply, trustSchema, 200, 'trust');
  }
  async function connectStatus(key: string, userId: string) {
    const reply = await connectPost(harness, key, GET_STATUS, { reference_user_id: userId });
    assert.equal(reply.statusCode, 200, reply.body);
    return reply.json;
  }
  async function eventsOf(projectId: string, surface: 'poy' | 'connect') {
    const rows = await harness.store.listOutboxEvents({ projectId });
    return rows.filter((row) => row.surface === surface).map((row) => row.body);
  }

  it('failed: verify reports the failure with a retry link, trust and get_status say why', async () => {
    const tenant = await createTestTenant(harness);
    const forced = await poyPost(tenant.testKey, '/api/poy/sandbox/outcome', {
      userId: 'failing',
      outcome: 'failed',
    });
    assert.equal(forced.statusCode, 200, forced.body);
    // Time passes between the failure and the next request (attempts are ordered by their start).
    harness.clock.advanceBy(1000);

    const answer = await verify(tenant.testKey, 'failing');
    assert.equal(answer.isHuman, false);
    assert.equal(answer.verificationStatus, 'failed', JSON.stringify(answer));
    assert.deepEqual(answer.checks, FAILED_CHECKS);
    assert.equal(answer.assuranceLevel, 'none');
    assert.deepEqual(answer.reasons, ['SANDBOX_FAILED']);
    // The next step: a failed attempt may be retried, so a fresh link comes with the failure.
    assert.match(answer.enrollmentUrl ?? '', INVITE_URL, JSON.stringify(answer));

    const report = await trust(tenant.testKey, 'failing');
    assert.equal(report.level, 'none');
    // The retry is open now: trust describes the latest attempt, which is pending.
    assert.equal(report.verificationStatus, 'pending', JSON.stringify(report));

    await connectPost(harness, tenant.testKey, REGISTER, { reference_user_id: 'connect-failing' });
    await connectPost(harness, tenant.testKey, SANDBOX, {
      reference_user_id: 'connect-failing',
      outcome: 'failed',
    });
    const status = await connectStatus(tenant.testKey, 'connect-failing');
    assert.equal(status.verification_status, 'UNFULFILLABLE', JSON.stringify(status));
    assert.equal(status.unfulfillable_reason, 'FAILED_CHECKS');
    assert.deepEqual(status.reasons, ['SANDBOX_FAILED']);
    assert.equal(status.assurance_level, 'none');
    // POY trust of the same user (not yet retried) reports the failure itself.
    const failedTrust = await trust(tenant.testKey, 'connect-failing');
    assert.equal(failedTrust.verificationStatus, 'failed', JSON.stringify(failedTrust));
    assert.deepEqual(failedTrust.reasons, ['SANDBOX_FAILED']);
  });

  it('duplicate: verify and trust report DUPLICATE_HUMAN and offer no new link; get_status agrees', async () => {
    const tenant = await createTestTenant(harness);
    await connectPost(harness, tenant.testKey, REGISTER, { reference_user_id: 'twin' });
    const forced = await connectPost(harness, tenant.testKey, SANDBOX, {
      reference_user_id: 'twin',
      outcome: 'duplicate',
    });
    assert.equal(forced.statusCode, 200, forced.body);
    assert.equal(forced.json.verification_status, 'UNFULFILLABLE');
    assert.equal(forced.json.unfulfillable_reason, 'DUPLICATE_HUMAN');
    assert.deepEqual(forced.json.reasons, ['DUPLICATE_HUMAN']);

    const answer = await verify(tenant.testKey, 'twin');
    assert.equal(answer.verificationStatus, 'duplicate', JSON.stringify(answer));
    assert.deepEqual(answer.reasons, ['DUPLICATE_HUMAN']);
    assert.deepEqual(answer.checks, FAILED_CHECKS);
    assert.equal(answer.enrollmentUrl, undefined, 'a duplicate is not sent round again');
    const report = await trust(tenant.testKey, 'twin');
    assert.equal(report.verificationStatus, 'duplicate');
    assert.deepEqual(report.reasons, ['DUPLICATE_HUMAN']);
    assert.equal((await connectStatus(tenant.testKey, 'twin')).verification_status, 'UNFULFILLABLE');
  });

  it('expired (sandbox): reported as EXPIRED on both surfaces, with user.expired and the Connect event', async () => {
    const tenant = await createTestTenant(harness);
    const forced = await poyPost(tenant.testKey, '/api/poy/sandbox/outcome', {
      userId: 'late',
      outcome: 'expired',
    });
    const body = parseReply(forced, verifySchema, 200, 'sandbox expired');
    assert.equal(body.verificationStatus, 'expired');
    assert.deepEqual(body.reasons, ['EXPIRED']);
    assert.deepEqual(body.checks, FAILED_CHECKS);

    const report = await trust(tenant.testKey, 'late');
    assert.equal(report.verificationStatus, 'expired');
    assert.deepEqual(report.reasons, ['EXPIRED']);
    const status = await connectStatus(tenant.testKey, 'late');
    assert.equal(status.verification_status, 'EXPIRED');
    assert.deepEqual(status.reasons, ['EXPIRED']);

    const poy = await eventsOf(tenant.project.id, 'poy');
    assert.deepEqual(
      poy.map((event) => Reflect.get(Object(event), 'data')),
      [{ userId: 'late', reason: 'EXPIRED', reasons: ['EXPIRED'] }],
      JSON.stringify(poy),
    );
    assert.equal(Reflect.get(Object(poy[0]), 'event'), 'user.expired');
    const connect = await eventsOf(tenant.project.id, 'connect');
    assert.equal(connect.length, 1, JSON.stringify(connect));
    assert.equal(Reflect.get(Object(connect[0]), 'type'), 'USER_VERIFICATION_DETERMINED_UNFULFILLABLE');
    assert.deepEqual(Reflect.get(Object(connect[0]), 'payload'), { reason: 'EXPIRED' });

    // The next step: a new link, with the expiry still reported.
    const retry = await verify(tenant.testKey, 'late');
    assert.equal(retry.verificationStatus, 'expired');
    assert.match(retry.enrollmentUrl ?? '', INVITE_URL, JSON.stringify(retry));
  });

  it('expired by time: the maintenance pass emits user.expired and the Connect event once', async () => {
    const tenant = await createTestTenant(harness);
    const registered = await connectPost(harness, tenant.liveKey, REGISTER, { reference_user_id: 'idle' });
    assert.equal(registered.statusCode, 200, registered.body);
    harness.clock.advanceBy(INVITE_TTL_SECONDS * 1000 + 1);
    assert.ok((await expireDueSessions(harness.app.services.verification)) >= 1);
    await expireDueSessions(harness.app.services.verification);

    const poy = await eventsOf(tenant.project.id, 'poy');
    assert.deepEqual(
      poy.map((event) => Reflect.get(Object(event), 'event')),
      ['user.expired'],
    );
    const connect = await eventsOf(tenant.project.id, 'connect');
    assert.deepEqual(
      connect.map((event) => Reflect.get(Object(event), 'payload')),
      [{ reason: 'EXPIRED' }],
    );
    const answer = await verify(tenant.liveKey, 'idle', 'quick');
    assert.equal(answer.verificationStatus, 'expired');
    assert.deepEqual(answer.reasons, ['EXPIRED']);
    assert.equal((await connectStatus(tenant.liveKey, 'idle')).verification_status, 'EXPIRED');
  });

  it('expired by time, noticed by verify: the answer says expired, and both events go out', async () => {
    const tenant = await createTestTenant(harness);
    const first = await verify(tenant.liveKey, 'asleep');
    assert.equal(first.verificationStatus, 'pending');
    harness.clock.advanceBy(INVITE_TTL_SECONDS * 1000 + 1);

    const answer = await verify(tenant.liveKey, 'asleep');
    assert.equal(answer.verificationStatus, 'expired', JSON.stringify(answer));
    assert.deepEqual(answer.reasons, ['EXPIRED']);
    assert.match(answer.enrollmentUrl ?? '', INVITE_URL);
    assert.notEqual(answer.enrollmentUrl, first.enrollmentUrl, 'a new link for the new attempt');
    const poy = await eventsOf(tenant.project.id, 'poy');
    assert.deepEqual(
      poy.map((event) => Reflect.get(Object(event), 'event')),
      ['user.expired'],
    );
    assert.equal((await eventsOf(tenant.project.id, 'connect')).length, 1);
  });

  it('held for review: verify, trust and get_status report the hold and its reasons, and no link', async () => {
    const tenant = await createHoldingTenant(harness);
    await createHeldVerification(harness, tenant.liveKey, { first: 'first-person', held: 'second-person' });

    const answer = await verify(tenant.liveKey, 'second-person');
    assert.equal(answer.verificationStatus, 'review', JSON.stringify(answer));
    assert.equal(answer.review, true);
    assert.ok(answer.reasons.includes('VELOCITY'), JSON.stringify(answer));
    assert.equal(answer.assuranceLevel, 'passkey');
    assert.equal(answer.enrollmentUrl, undefined);
    const report = await trust(tenant.liveKey, 'second-person');
    assert.equal(report.verificationStatus, 'review');
    assert.ok(report.reasons.includes('VELOCITY'), JSON.stringify(report));
    const status = await connectStatus(tenant.liveKey, 'second-person');
    assert.equal(status.verification_status, 'IN_REVIEW');
    assert.ok(Array.isArray(status.reasons) && status.reasons.includes('VELOCITY'), JSON.stringify(status));
  });
});
