// The POY user routes (docs/api.md §5): verify, check, trust and the sandbox, through app.inject() against
// a real store. A POY `userId` is the Connect `reference_user_id` of the same project and mode.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { createApiKey } from '../../src/core/keys/create-api-key.ts';
import { createAccount } from '../../src/core/tenancy/create-account.ts';
import { createProject } from '../../src/core/tenancy/create-project.ts';
import {
  connectPost,
  createFlowTestApp,
  expectPoyError,
  getStatus,
  inviteCodeOf,
  PHONE_USER_AGENT,
  parseOutcome,
  parseReply,
  type Reply,
  runFlow,
} from '../flow/flow-driver.ts';
import { createTestTenant, type TestApp } from '../harness.ts';
import { SoftAuthenticator } from '../support/soft-authenticator.ts';

const POY_ID = /^PoY #[0-9A-F]{7}$/;
const checkValue = z.enum(['pass', 'fail', 'pending']);
const score = z.number().int().min(0).max(100);
const verificationStatus = z.enum([
  'pending',
  'verified',
  'failed',
  'duplicate',
  'review',
  'expired',
  'cancelled',
]);
const verifySchema = z
  .object({
    isHuman: z.boolean(),
    trustScore: score,
    poyId: z.string().regex(POY_ID).nullable(),
    verifiedAt: z.iso.datetime().nullable(),
    checks: z.object({ liveness: checkValue, device: checkValue, behavioral: checkValue }).strict(),
    enrollmentUrl: z.string().optional(),
    expiresAt: z.iso.datetime().optional(),
    verificationStatus: verificationStatus.nullable(),
    assuranceLevel: z.enum(['none', 'passkey', 'liveness', 'unique']).nullable(),
    reasons: z.array(z.string()),
    review: z.boolean(),
  })
  .strict();
type VerifyAnswer = z.infer<typeof verifySchema>;
const checkSchema = z.object({ isHuman: z.boolean(), poyId: z.string().regex(POY_ID).nullable() }).strict();
const trustSchema = z
  .object({
    userId: z.string(),
    trustScore: score,
    level: z.enum(['high', 'medium', 'low', 'none']),
    factors: z.object({ liveness: score, device: score, behavioral: score, credential: score }).strict(),
    verificationStatus: verificationStatus.nullable(),
    assuranceLevel: z.enum(['none', 'passkey', 'liveness', 'unique']).nullable(),
    reasons: z.array(z.string()),
    review: z.boolean(),
  })
  .strict();
const poyEventSchema = z
  .object({
    event: z.enum([
      'user.verified',
      'user.failed',
      'user.expired',
      'stamp.created',
      'trust.changed',
      'passkey.registered',
    ]),
    timestamp: z.iso.datetime(),
    data: z.record(z.string(), z.unknown()),
  })
  .strict();
type PoyEvent = z.infer<typeof poyEventSchema>;
const userVerifiedData = z
  .object({ userId: z.string(), poyId: z.string().regex(POY_ID), trustScore: score })
  .strict();
const userFailedData = z
  .object({
    userId: z.string(),
    reason: z.enum(['FAILED_CHECKS', 'DUPLICATE_HUMAN']),
    reasons: z.array(z.string()),
  })
  .strict();

/** What a forced sandbox outcome leaves as the report's reasons (docs/assurance.md §6). */
const SANDBOX_REASONS: Record<'failed' | 'duplicate' | 'expired', string[]> = {
  failed: ['SANDBOX_FAILED'],
  duplicate: ['DUPLICATE_HUMAN'],
  expired: ['EXPIRED'],
};
const PENDING = { liveness: 'pending', device: 'pending', behavioral: 'pending' };
const FAILED = { liveness: 'fail', device: 'fail', behavioral: 'fail' };
const INVITE_URL = /^http:\/\/localhost:8080\/i\/[0-9A-Za-z]+$/;

/** docs/scoring.md: high 80–100, medium 50–79, low 25–49, none 0–24. */
function levelOf(trustScore: number): 'high' | 'medium' | 'low' | 'none' {
  if (trustScore >= 80) return 'high';
  if (trustScore >= 50) return 'medium';
  if (trustScore >= 25) return 'low';
  return 'none';
}

describe('POY user routes: happy paths', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createFlowTestApp();
  });
  after(async () => {
    await harness.close();
  });

  async function post(key: string, url: string, payload: Record<string, unknown>): Promise<Reply> {
    return harness.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${key}` }, payload });
  }
  async function get(key: string, url: string): Promise<Reply> {
    return harness.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
  }
  async function verify(key: string, userId: string, checkType: 'full' | 'quick' = 'full') {
    return parseReply(await post(key, '/api/poy/verify', { userId, checkType }), verifySchema, 200, 'verify');
  }
  async function check(key: string, userId: string) {
    const reply = await get(key, `/api/poy/check?userId=${encodeURIComponent(userId)}`);
    return parseReply(reply, checkSchema, 200, 'check');
  }
  async function trust(key: string, userId: string) {
    const reply = await get(key, `/api/poy/trust/${encodeURIComponent(userId)}`);
    return parseReply(reply, trustSchema, 200, 'trust');
  }
  async function sandbox(key: string, userId: string, outcome: string): Promise<VerifyAnswer> {
    const reply = await post(key, '/api/poy/sandbox/outcome', { userId, outcome });
    return parseReply(reply, verifySchema, 200, `sandbox ${outcome}`);
  }
  async function poyEvents(projectId: string): Promise<PoyEvent[]> {
    const rows = await harness.store.listOutboxEvents({ projectId });
    return rows
      .filter((row) => row.surface === 'poy')
      .map((row) => {
        const parsed = poyEventSchema.safeParse(JSON.parse(row.bodyJson));
        assert.ok(parsed.success, `POY event does not match docs/api.md §6: ${row.bodyJson}`);
        assert.equal(row.eventType, parsed.data.event, row.bodyJson);
        assert.deepEqual(row.body, parsed.data, 'stored body and delivered bytes differ');
        return parsed.data;
      });
  }
  function eventsOfType(events: PoyEvent[], type: PoyEvent['event'], userId: string): PoyEvent[] {
    return events.filter((event) => event.event === type && event.data.userId === userId);
  }
  function codeOf(poyId: string | null): string {
    assert.ok(poyId !== null && POY_ID.test(poyId), `not a PoY id: ${String(poyId)}`);
    return poyId.slice('PoY #'.length);
  }
  async function tenantWithThreshold(trustThreshold: number) {
    const account = await createAccount(harness, { name: `Threshold ${trustThreshold}` });
    const created = await createProject(harness, {
      accountId: account.id,
      name: `Strict project ${trustThreshold}`,
      plan: 'enterprise',
      trustThreshold,
    });
    assert.ok(created.ok, 'createProject');
    const key = await createApiKey(harness, { projectId: created.project.id, mode: 'test' });
    assert.ok(key, 'createApiKey');
    return { project: created.project, testKey: key.secret };
  }

  it('verify of an unknown user opens a pending link with an enrollment URL that opens the phone flow', async () => {
    const tenant = await createTestTenant(harness);
    const key = { projectId: tenant.project.id, mode: 'live' as const, referenceUserId: 'newcomer' };
    assert.equal(await harness.store.findConnectUser(key), null);

    const first = await verify(tenant.liveKey, 'newcomer');
    assert.equal(first.isHuman, false, JSON.stringify(first));
    assert.equal(first.trustScore, 0);
    assert.equal(first.poyId, null);
    assert.equal(first.verifiedAt, null);
    assert.deepEqual(first.checks, PENDING);
    assert.match(first.enrollmentUrl ?? '', INVITE_URL, JSON.stringify(first));
    const ttlMs = harness.app.services.verification.inviteTtlSeconds * 1000;
    assert.equal(Date.parse(first.expiresAt ?? ''), harness.clock.now().getTime() + ttlMs);

    const stored = await harness.store.findConnectUser(key);
    assert.equal(stored?.status, 'PENDING', JSON.stringify(stored));
    // The same user on the Connect surface.
    assert.equal((await getStatus(harness, tenant.liveKey, 'newcomer')).verification_status, 'PENDING');

    const url = new URL(first.enrollmentUrl ?? '');
    const page = await harness.app.inject({
      method: 'GET',
      url: url.pathname,
      headers: { 'user-agent': PHONE_USER_AGENT },
    });
    assert.equal(page.statusCode, 200, page.body);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.match(page.body, /class="page page--phone"/);
    assert.match(page.body, /src="\/assets\/phone\.[0-9a-f]{8}\.js"/);

    harness.clock.advanceBy(60_000);
    const again = await verify(tenant.liveKey, 'newcomer');
    assert.equal(again.enrollmentUrl, first.enrollmentUrl, JSON.stringify(again));
    assert.equal(again.expiresAt, first.expiresAt);
    assert.equal((await harness.store.findConnectUser(key))?.id, stored?.id);
    assert.deepEqual(await poyEvents(tenant.project.id), [], 'asking emits nothing');
  });

  it('checkType quick answers without an enrollment URL and creates nothing', async () => {
    const tenant = await createTestTenant(harness);
    const answer = await verify(tenant.testKey, 'quick-one', 'quick');
    assert.deepEqual(answer, {
      isHuman: false,
      trustScore: 0,
      poyId: null,
      verifiedAt: null,
      checks: PENDING,
      verificationStatus: null,
      assuranceLevel: null,
      reasons: [],
      review: false,
    });
    const stored = await harness.store.findConnectUser({
      projectId: tenant.project.id,
      mode: 'test',
      referenceUserId: 'quick-one',
    });
    assert.equal(stored, null);
    expectPoyError(await get(tenant.testKey, '/api/poy/trust/quick-one'), 404, 'not_found');
  });

  it('after a live verification through the flow, verify, check and trust report the stored human', async () => {
    const tenant = await createTestTenant(harness);
    assert.deepEqual(await check(tenant.liveKey, 'alice'), { isHuman: false, poyId: null });
    const pending = await verify(tenant.liveKey, 'alice');
    const run = await runFlow(harness, inviteCodeOf(pending.enrollmentUrl ?? ''), new SoftAuthenticator());
    assert.equal(parseOutcome(run.reply).status, 'VERIFIED', run.reply.body);

    // The very next check sees it (the cached "false" was dropped).
    const checked = await check(tenant.liveKey, 'alice');
    assert.deepEqual(checked, { isHuman: true, poyId: run.passkey.poyId });

    const human = await harness.store.findHumanByPoyCode(codeOf(run.passkey.poyId));
    assert.ok(human?.checks && human.verifiedAt && human.factors, JSON.stringify(human));
    const verified = await verify(tenant.liveKey, 'alice');
    assert.deepEqual(verified, {
      isHuman: true,
      trustScore: human.trustScore,
      poyId: run.passkey.poyId,
      verifiedAt: human.verifiedAt.toISOString(),
      checks: human.checks,
      verificationStatus: 'verified',
      // A live person through the camera step and face uniqueness reaches the top level (docs/assurance.md §1).
      assuranceLevel: 'unique',
      reasons: [],
      review: false,
    });
    assert.equal(verified.checks.liveness, 'pass');
    assert.ok(verified.trustScore >= tenant.project.trustThreshold, JSON.stringify(verified));
    // Quick gives the same answer once verified.
    assert.deepEqual(await verify(tenant.liveKey, 'alice', 'quick'), verified);

    const report = await trust(tenant.liveKey, 'alice');
    assert.deepEqual(report, {
      userId: 'alice',
      trustScore: human.trustScore,
      level: levelOf(human.trustScore),
      factors: human.factors,
      verificationStatus: 'verified',
      assuranceLevel: 'unique',
      reasons: [],
      review: false,
    });

    const events = await poyEvents(tenant.project.id);
    const userVerified = eventsOfType(events, 'user.verified', 'alice');
    assert.equal(userVerified.length, 1, JSON.stringify(events));
    assert.deepEqual(userVerified[0]?.data, {
      userId: 'alice',
      poyId: run.passkey.poyId,
      trustScore: human.trustScore,
    });
    assert.equal(eventsOfType(events, 'user.failed', 'alice').length, 0, JSON.stringify(events));
  });

  it('check follows every state change on the very next request', async () => {
    const tenant = await createTestTenant(harness);
    const userId = 'flip-flop';
    assert.deepEqual(await check(tenant.testKey, userId), { isHuman: false, poyId: null });

    const first = await sandbox(tenant.testKey, userId, 'verified');
    assert.deepEqual(await check(tenant.testKey, userId), { isHuman: true, poyId: first.poyId });

    const revoked = await connectPost(harness, tenant.testKey, 'revoke', { reference_user_id: userId });
    assert.equal(revoked.statusCode, 200, revoked.body);
    assert.deepEqual(await check(tenant.testKey, userId), { isHuman: false, poyId: null });
    assert.equal((await verify(tenant.testKey, userId, 'quick')).isHuman, false);

    const second = await sandbox(tenant.testKey, userId, 'verified');
    assert.deepEqual(await check(tenant.testKey, userId), { isHuman: true, poyId: second.poyId });

    const deleted = await connectPost(harness, tenant.testKey, 'delete', { reference_user_id: userId });
    assert.equal(deleted.statusCode, 200, deleted.body);
    assert.deepEqual(await check(tenant.testKey, userId), { isHuman: false, poyId: null });
    expectPoyError(await get(tenant.testKey, `/api/poy/trust/${userId}`), 404, 'not_found');

    const third = await sandbox(tenant.testKey, userId, 'verified');
    assert.deepEqual(await check(tenant.testKey, userId), { isHuman: true, poyId: third.poyId });
    await connectPost(harness, tenant.testKey, 'revoke', { reference_user_id: userId });
    await sandbox(tenant.testKey, userId, 'failed');
    assert.deepEqual(await check(tenant.testKey, userId), { isHuman: false, poyId: null });
  });

  it('a project trust threshold above the score: a verified link that is not human', async () => {
    const strict = await tenantWithThreshold(95);
    const lenient = await createTestTenant(harness);

    const forced = await sandbox(strict.testKey, 'strict-user', 'verified');
    assert.equal(forced.isHuman, false, JSON.stringify(forced));
    assert.ok(forced.trustScore < 95, JSON.stringify(forced));
    assert.match(forced.poyId ?? '', POY_ID);
    assert.deepEqual(await check(strict.testKey, 'strict-user'), { isHuman: false, poyId: null });
    const answer = await verify(strict.testKey, 'strict-user');
    assert.equal(answer.isHuman, false, JSON.stringify(answer));
    assert.equal(answer.trustScore, forced.trustScore);
    assert.equal(answer.poyId, forced.poyId);
    assert.equal(answer.enrollmentUrl, undefined, 'a verified human is not sent through verification again');

    // The same sandbox human clears the default threshold of another project.
    const control = await sandbox(lenient.testKey, 'strict-user', 'verified');
    assert.equal(control.trustScore, forced.trustScore, JSON.stringify(control));
    assert.equal(control.isHuman, true, JSON.stringify(control));
    assert.equal((await check(lenient.testKey, 'strict-user')).isHuman, true);
  });

  it('trust: a verified user has the level of its score, a pending one 0/none, an unknown one 404', async () => {
    const tenant = await createTestTenant(harness);
    const forced = await sandbox(tenant.testKey, 'trusted', 'verified');
    const report = await trust(tenant.testKey, 'trusted');
    assert.equal(report.userId, 'trusted');
    assert.equal(report.trustScore, forced.trustScore, JSON.stringify(report));
    assert.equal(report.level, levelOf(report.trustScore), JSON.stringify(report));
    assert.notEqual(report.level, 'none', JSON.stringify(report));
    assert.ok(report.factors.liveness > 0, JSON.stringify(report));

    await verify(tenant.testKey, 'waiting');
    assert.deepEqual(await trust(tenant.testKey, 'waiting'), {
      userId: 'waiting',
      trustScore: 0,
      level: 'none',
      factors: { liveness: 0, device: 0, behavioral: 0, credential: 0 },
      verificationStatus: 'pending',
      assuranceLevel: null,
      reasons: [],
      review: false,
    });

    const unknown = await get(tenant.testKey, '/api/poy/trust/never-seen');
    expectPoyError(unknown, 404, 'not_found');
  });

  for (const [outcome, status] of [
    ['verified', 'VERIFIED'],
    ['failed', 'UNFULFILLABLE'],
    ['duplicate', 'UNFULFILLABLE'],
    ['expired', 'EXPIRED'],
  ] as const) {
    it(`sandbox ${outcome} creates an unknown user and answers what verify then says`, async () => {
      const tenant = await createTestTenant(harness);
      const userId = `sandbox-${outcome}`;
      const key = { projectId: tenant.project.id, mode: 'test' as const, referenceUserId: userId };
      assert.equal(await harness.store.findConnectUser(key), null);

      const forced = await sandbox(tenant.testKey, userId, outcome);
      assert.equal((await harness.store.findConnectUser(key))?.status, status);
      assert.equal(forced.isHuman, outcome === 'verified', JSON.stringify(forced));
      assert.equal(forced.enrollmentUrl, undefined, JSON.stringify(forced));
      if (outcome === 'verified') {
        assert.match(forced.poyId ?? '', POY_ID, JSON.stringify(forced));
        assert.ok(forced.trustScore >= tenant.project.trustThreshold, JSON.stringify(forced));
        assert.equal(forced.verifiedAt, harness.clock.now().toISOString());
        assert.equal(forced.checks.liveness, 'pass', JSON.stringify(forced));
      } else {
        assert.deepEqual(forced, {
          isHuman: false,
          trustScore: 0,
          poyId: null,
          verifiedAt: null,
          // An attempt that ended without success passed none of its checks.
          checks: FAILED,
          verificationStatus: outcome,
          assuranceLevel: 'none',
          // The reasons name why the latest verification ended (docs/assurance.md §6).
          reasons: SANDBOX_REASONS[outcome],
          review: false,
        });
      }
      assert.deepEqual(await verify(tenant.testKey, userId, 'quick'), forced);
      assert.deepEqual(await check(tenant.testKey, userId), {
        isHuman: forced.isHuman,
        poyId: forced.poyId,
      });
      if (outcome === 'failed' || outcome === 'expired') {
        // Not human: a full verify offers a new attempt, and still says how the last one ended.
        const full = await verify(tenant.testKey, userId);
        assert.match(full.enrollmentUrl ?? '', INVITE_URL, JSON.stringify(full));
        assert.deepEqual(
          { ...full, enrollmentUrl: undefined, expiresAt: undefined },
          {
            ...forced,
            enrollmentUrl: undefined,
            expiresAt: undefined,
          },
        );
      }
      if (outcome === 'duplicate') {
        // The person already holds a place under another userId: a new attempt would end the same way.
        assert.deepEqual(await verify(tenant.testKey, userId), forced);
      }
    });
  }

  it('sandbox verified: exactly one user.verified {userId, poyId, trustScore} and one trust.changed', async () => {
    const tenant = await createTestTenant(harness);
    const forced = await sandbox(tenant.testKey, 'evented', 'verified');
    // Reading never emits.
    await verify(tenant.testKey, 'evented');
    await check(tenant.testKey, 'evented');
    await trust(tenant.testKey, 'evented');

    const events = await poyEvents(tenant.project.id);
    const verified = eventsOfType(events, 'user.verified', 'evented');
    assert.equal(verified.length, 1, JSON.stringify(events));
    assert.deepEqual(userVerifiedData.parse(verified[0]?.data), {
      userId: 'evented',
      poyId: forced.poyId,
      trustScore: forced.trustScore,
    });
    assert.equal(verified[0]?.timestamp, harness.clock.now().toISOString());

    const changed = eventsOfType(events, 'trust.changed', 'evented');
    assert.equal(changed.length, 1, JSON.stringify(events));
    assert.equal(changed[0]?.data.poyId, forced.poyId, JSON.stringify(changed));
    assert.equal(changed[0]?.data.trustScore, forced.trustScore, JSON.stringify(changed));
    assert.equal(changed[0]?.data.level, levelOf(forced.trustScore), JSON.stringify(changed));
    assert.equal(events.length, 2, JSON.stringify(events));
  });

  for (const [outcome, reason] of [
    ['failed', 'FAILED_CHECKS'],
    ['duplicate', 'DUPLICATE_HUMAN'],
  ] as const) {
    it(`sandbox ${outcome}: exactly one user.failed {userId, reason: ${reason}, reasons}`, async () => {
      const tenant = await createTestTenant(harness);
      await sandbox(tenant.testKey, `failing-${outcome}`, outcome);
      await verify(tenant.testKey, `failing-${outcome}`, 'quick');
      const events = await poyEvents(tenant.project.id);
      assert.equal(events.length, 1, JSON.stringify(events));
      const [failed] = events;
      assert.equal(failed?.event, 'user.failed', JSON.stringify(events));
      const data = userFailedData.parse(failed?.data);
      assert.equal(data.userId, `failing-${outcome}`);
      assert.equal(data.reason, reason);
      if (outcome === 'duplicate') assert.deepEqual(data.reasons, ['DUPLICATE_HUMAN']);
      assert.equal(failed?.timestamp, harness.clock.now().toISOString());
    });
  }

  it('each change emits its own events: verified, (revoked,) then failed, then verified again', async () => {
    const tenant = await createTestTenant(harness);
    const first = await sandbox(tenant.testKey, 'cycling', 'verified');
    // A verified user is settled: the sandbox only fails it again after a revocation.
    await connectPost(harness, tenant.testKey, 'revoke', { reference_user_id: 'cycling' });
    await sandbox(tenant.testKey, 'cycling', 'failed');
    const second = await sandbox(tenant.testKey, 'cycling', 'verified');
    const events = await poyEvents(tenant.project.id);
    const verified = eventsOfType(events, 'user.verified', 'cycling');
    assert.deepEqual(
      verified.map((event) => event.data.poyId),
      [first.poyId, second.poyId],
      JSON.stringify(events),
    );
    assert.equal(eventsOfType(events, 'user.failed', 'cycling').length, 1, JSON.stringify(events));
  });
});
