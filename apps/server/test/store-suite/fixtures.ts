// Shared fixtures of the Store conformance suite: a fixed clock, random hashes and ids, and a fresh
// tenant (account, project, keys, challenges) per test, so no test depends on another's state.
import { randomBytes } from 'node:crypto';
import { createId, randomBase62 } from '../../src/core/ids.ts';
import type { Account, ApiKey, KeyMode, NewProject, Project, Store } from '../../src/store/store.ts';

// Fixed times rather than the wall clock: expiry and ordering then depend only on the test's data.
export const BASE_TIME = new Date('2030-06-01T12:00:00.000Z');
/** Challenges in the deleteExpiredChallenges test expire before this; no other test goes that early. */
export const EXPIRED_ERA_END = new Date('2002-01-01T00:00:00.000Z');
/**
 * Only the listExpiredPendingSessions test creates sessions expiring before this, because that
 * query is not scoped to a tenant: any other test's expired PENDING session would show up in it.
 */
export const EXPIRED_SESSIONS_ERA_END = new Date('1991-01-01T00:00:00.000Z');
export const RACERS = 20;
/** Concurrent read-lock-increment transactions in the locking tests. */
export const INCREMENTERS = 10;
/**
 * Held between the locked read and the write, so that without the lock every incrementer would read
 * the same value and the final count would fall short (PostgreSQL runs them truly in parallel).
 */
export const LOCK_HOLD_MS = 5;
/** Above 2^31, so an int4 column or a 32-bit parse would break it; WebAuthn counters are 32-bit unsigned. */
export const LARGE_SIGN_COUNT = 3_000_000_000;

export function at(offsetSeconds: number, base: Date = BASE_TIME): Date {
  return new Date(base.getTime() + offsetSeconds * 1_000);
}

export function randomHashHex(): string {
  return randomBytes(32).toString('hex');
}

/** Public ids are lower-case (see the projects table check), unlike createId's base62. */
export function uniquePublicId(): string {
  return `t-${randomBase62(16).toLowerCase()}`;
}

export interface Tenant {
  account: Account;
  project: Project;
}

export async function createTenant(store: Store, project: Partial<NewProject> = {}): Promise<Tenant> {
  const account = await store.insertAccount({
    id: createId('acct'),
    name: 'Suite account',
    createdAt: BASE_TIME,
  });
  const inserted = await store.insertProject({
    id: createId('proj'),
    accountId: account.id,
    name: 'Suite project',
    publicId: uniquePublicId(),
    plan: 'free',
    createdAt: BASE_TIME,
    ...project,
  });
  if (!inserted) throw new Error('insertProject returned null for a fresh public id');
  return { account, project: inserted };
}

export async function addKey(
  store: Store,
  projectId: string,
  options: { mode?: KeyMode; createdAt?: Date; keyHashHex?: string } = {},
): Promise<{ apiKey: ApiKey; keyHashHex: string }> {
  const keyHashHex = options.keyHashHex ?? randomHashHex();
  const apiKey = await store.insertApiKey({
    id: createId('key'),
    projectId,
    mode: options.mode ?? 'test',
    name: 'Suite key',
    keyHashHex,
    displayPrefix: 'poy_test_abcd',
    createdAt: options.createdAt ?? BASE_TIME,
  });
  return { apiKey, keyHashHex };
}

export async function addChallenge(
  store: Store,
  options: { projectId?: string | null; purpose?: string; expiresAt?: Date; payload?: unknown } = {},
): Promise<{ id: string; purpose: string; tokenHashHex: string }> {
  const purpose = options.purpose ?? 'suite_purpose';
  const tokenHashHex = randomHashHex();
  const challenge = await store.insertChallenge({
    id: createId('ch'),
    projectId: options.projectId ?? null,
    purpose,
    tokenHashHex,
    payload: options.payload ?? { step: 1 },
    expiresAt: options.expiresAt ?? at(300),
    createdAt: BASE_TIME,
  });
  return { id: challenge.id, purpose, tokenHashHex };
}
