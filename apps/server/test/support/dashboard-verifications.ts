// What the dashboard verification route tests share: verifications made through the real APIs
// (Connect and POY sandboxes, registration), their ids as the store keeps them, the area's URLs, and
// a snapshot of everything a refused request must leave unchanged.
import assert from 'node:assert/strict';
import type { KeyMode } from '../../src/store/store.ts';
import type { TestApp } from '../harness.ts';
import { connectPost, REGISTER, SANDBOX } from '../routes/connect-helpers.ts';
import { poyPost } from '../routes/developer-api-helpers.ts';

export type SandboxOutcome = 'verified' | 'failed' | 'duplicate' | 'expired';

/** Registers the user with the Connect API (`key`'s mode) and forces an outcome in its sandbox. */
export async function connectSandboxVerification(
  harness: TestApp,
  testKey: string,
  referenceUserId: string,
  outcome: SandboxOutcome,
): Promise<void> {
  const registered = await connectPost(harness, testKey, REGISTER, { reference_user_id: referenceUserId });
  assert.equal(registered.statusCode, 200, registered.body);
  const forced = await connectPost(harness, testKey, SANDBOX, {
    reference_user_id: referenceUserId,
    outcome,
  });
  assert.equal(forced.statusCode, 200, forced.body);
}

/** The POY sandbox: `POST /api/poy/sandbox/outcome` (it registers the user when needed). */
export async function poySandboxVerification(
  harness: TestApp,
  testKey: string,
  userId: string,
  outcome: SandboxOutcome,
): Promise<void> {
  const forced = await poyPost(harness, testKey, '/api/poy/sandbox/outcome', { userId, outcome });
  assert.equal(forced.statusCode, 200, forced.body);
}

/** A pending verification: the user registered, nobody opened the invite. */
export async function registerPending(harness: TestApp, key: string, referenceUserId: string): Promise<void> {
  const registered = await connectPost(harness, key, REGISTER, { reference_user_id: referenceUserId });
  assert.equal(registered.statusCode, 200, registered.body);
}

/** The user's id and latest verification id, as the store has them. */
export async function latestVerificationOf(
  harness: TestApp,
  input: { projectId: string; mode: KeyMode; referenceUserId: string },
): Promise<{ userId: string; verificationId: string; humanId: string | null }> {
  const user = await harness.store.findConnectUser(input);
  assert.ok(user, `no user ${input.referenceUserId}`);
  const session = await harness.store.findLatestSessionForConnectUser(user.id);
  assert.ok(session, `no verification for ${input.referenceUserId}`);
  return { userId: user.id, verificationId: session.id, humanId: session.humanId };
}

export function verificationsUrl(projectId: string, mode: KeyMode, query = ''): string {
  return `/dashboard/p/${projectId}/${mode}/verifications${query}`;
}

export function verificationUrl(
  projectId: string,
  mode: KeyMode,
  verificationId: string,
  action = '',
): string {
  return `/dashboard/p/${projectId}/${mode}/verifications/${verificationId}${action === '' ? '' : `/${action}`}`;
}

export function reviewsUrl(projectId: string, mode: KeyMode, verificationId = ''): string {
  return `/dashboard/p/${projectId}/${mode}/reviews${verificationId === '' ? '' : `/${verificationId}`}`;
}

/** What a refused request must not change: the user, the session, the project's events and audit log. */
export async function snapshotOf(
  harness: TestApp,
  input: { accountId: string; projectId: string; userId: string; verificationId: string },
): Promise<string> {
  const [user, session, events, audit] = await Promise.all([
    harness.store.findConnectUserById(input.userId),
    harness.store.findSessionById(input.verificationId),
    harness.store.listOutboxEvents({ projectId: input.projectId }),
    harness.store.listAuditEvents({ accountId: input.accountId, limit: 100 }),
  ]);
  return JSON.stringify({
    user,
    session,
    events: events.map((event) => event.id),
    audit: audit.map((a) => a.id),
  });
}

/** The event types the project's outbox holds for one user (both surfaces), in order. */
export async function eventTypesOf(
  harness: TestApp,
  input: { projectId: string; userId: string; referenceUserId: string },
): Promise<string[]> {
  const events = await harness.store.listOutboxEvents({ projectId: input.projectId });
  return events
    .filter((event) => {
      const body = event.bodyJson;
      return (
        body.includes(`"user_id":"${input.userId}"`) ||
        body.includes(`"userId":${JSON.stringify(input.referenceUserId)}`)
      );
    })
    .map((event) => `${event.surface}:${event.eventType}`);
}
