// The POY user routes' answers as docs/api.md §5 and §6 describe them, and the requests the route tests
// make, shared by the users.* and users-sandbox.* route tests.
import assert from 'node:assert/strict';
import { z } from 'zod';
import { parseReply, type Reply } from '../flow/flow-driver.ts';
import type { TestApp } from '../harness.ts';

export const POY_ID = /^PoY #[0-9A-F]{7}$/;
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
export const verifySchema = z
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
export type VerifyAnswer = z.infer<typeof verifySchema>;
export const checkSchema = z
  .object({ isHuman: z.boolean(), poyId: z.string().regex(POY_ID).nullable() })
  .strict();
export const trustSchema = z
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
export const poyEventSchema = z
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
export type PoyEvent = z.infer<typeof poyEventSchema>;
export const userVerifiedData = z
  .object({ userId: z.string(), poyId: z.string().regex(POY_ID), trustScore: score })
  .strict();
export const userFailedData = z
  .object({
    userId: z.string(),
    reason: z.enum(['FAILED_CHECKS', 'DUPLICATE_HUMAN']),
    reasons: z.array(z.string()),
  })
  .strict();

/** What a forced sandbox outcome leaves as the report's reasons (docs/assurance.md §6). */
export const SANDBOX_REASONS: Record<'failed' | 'duplicate' | 'expired', string[]> = {
  failed: ['SANDBOX_FAILED'],
  duplicate: ['DUPLICATE_HUMAN'],
  expired: ['EXPIRED'],
};
export const PENDING = { liveness: 'pending', device: 'pending', behavioral: 'pending' };
export const FAILED = { liveness: 'fail', device: 'fail', behavioral: 'fail' };
export const INVITE_URL = /^http:\/\/localhost:8080\/i\/[0-9A-Za-z]+$/;

/** docs/scoring.md: high 80–100, medium 50–79, low 25–49, none 0–24. */
export function levelOf(trustScore: number): 'high' | 'medium' | 'low' | 'none' {
  if (trustScore >= 80) return 'high';
  if (trustScore >= 50) return 'medium';
  if (trustScore >= 25) return 'low';
  return 'none';
}

/** The requests of the POY user route tests; `harnessOf` gives the harness once `before` has built it. */
export function poyUserRequests(harnessOf: () => TestApp) {
  async function post(key: string, url: string, payload: Record<string, unknown>): Promise<Reply> {
    return harnessOf().app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${key}` },
      payload,
    });
  }
  async function get(key: string, url: string): Promise<Reply> {
    return harnessOf().app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
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
    const rows = await harnessOf().store.listOutboxEvents({ projectId });
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
  return { post, get, verify, check, trust, sandbox, poyEvents, eventsOfType };
}
