// Fixtures of the verification parts of the suite: humans and their passkeys, Connect users,
// verification sessions and scope places, each with fresh random ids.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { createId, randomBase62 } from '../../src/core/ids.ts';
import type {
  ConnectUser,
  Human,
  HumanPasskey,
  NewConnectUser,
  NewVerificationSession,
  ScopeMembership,
  StoreOperations,
  VerificationSession,
} from '../../src/store/store.ts';
import { at, BASE_TIME, randomHashHex } from './fixtures.ts';

/** 7 upper-case hex characters, as the humans table requires. */
export function randomPoyCode(): string {
  return randomBytes(4).toString('hex').slice(0, 7).toUpperCase();
}

export type NewHuman = Parameters<StoreOperations['insertHuman']>[0];

export function newHuman(overrides: Partial<NewHuman> = {}): NewHuman {
  return {
    id: createId('hum'),
    mode: 'test',
    poyCode: randomPoyCode(),
    status: 'pending',
    trustScore: 0,
    trustCeiling: 0,
    successfulVerifications: 0,
    createdAt: BASE_TIME,
    updatedAt: BASE_TIME,
    ...overrides,
  };
}

export async function addHuman(store: StoreOperations, overrides: Partial<NewHuman> = {}): Promise<Human> {
  // A random 28-bit code can collide with another test's human; draw again, as the real caller does.
  for (let attempt = 0; attempt < 5; attempt++) {
    const human = await store.insertHuman(newHuman(overrides));
    if (human) return human;
  }
  throw new Error('insertHuman returned null five times in a row');
}

export function newPasskey(humanId: string, overrides: Partial<HumanPasskey> = {}): HumanPasskey {
  return {
    credentialId: randomBase62(32),
    humanId,
    publicKeyBase64Url: randomBytes(77).toString('base64url'),
    signCount: 0,
    transports: ['internal', 'hybrid'],
    deviceType: 'multiDevice',
    backedUp: true,
    aaguid: 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd',
    userHandle: humanId,
    createdAt: BASE_TIME,
    lastUsedAt: null,
    ...overrides,
  };
}

export function newConnectUser(projectId: string, overrides: Partial<NewConnectUser> = {}): NewConnectUser {
  return {
    id: createId('bcu'),
    projectId,
    mode: 'test',
    referenceUserId: `user-${randomBase62(12)}`,
    dataRequestType: 'GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID',
    uniquenessRegionId: null,
    redirectUrl: null,
    createdAt: BASE_TIME,
    updatedAt: BASE_TIME,
    ...overrides,
  };
}

export async function addConnectUser(
  store: StoreOperations,
  projectId: string,
  overrides: Partial<NewConnectUser> = {},
): Promise<ConnectUser> {
  const user = await store.insertConnectUser(newConnectUser(projectId, overrides));
  if (!user) throw new Error('insertConnectUser returned null for a fresh reference id');
  return user;
}

export function newSession(
  projectId: string,
  overrides: Partial<NewVerificationSession> = {},
): NewVerificationSession {
  return {
    id: createId('vs'),
    projectId,
    mode: 'test',
    purpose: 'connect',
    connectUserId: null,
    inviteCodeHashHex: randomHashHex(),
    shortCodeHashHex: randomHashHex(),
    expiresAt: at(900),
    createdAt: BASE_TIME,
    ...overrides,
  };
}

export async function addSession(
  store: StoreOperations,
  projectId: string,
  overrides: Partial<NewVerificationSession> = {},
): Promise<VerificationSession> {
  const session = await store.insertVerificationSession(newSession(projectId, overrides));
  if (!session) throw new Error('insertVerificationSession returned null for fresh code hashes');
  return session;
}

/** The record a freshly inserted session must come back as. */
export function expectedNewSession(input: NewVerificationSession): VerificationSession {
  return {
    id: input.id,
    projectId: input.projectId,
    mode: input.mode,
    purpose: input.purpose,
    connectUserId: input.connectUserId,
    status: 'PENDING',
    outcome: null,
    humanId: null,
    flowTokenHashHex: null,
    passkeySignals: null,
    userAgentHashHex: null,
    deviceSecretHashHex: null,
    startedAt: null,
    assessment: null,
    liveness: null,
    assuranceLevel: null,
    review: null,
    startIpHashHex: null,
    startPrefixHashHex: null,
    startDeviceHashHex: null,
    createdHuman: false,
    passkeyDoneAt: null,
    cameraDoneAt: null,
    heldAt: null,
    expiresAt: input.expiresAt,
    completedAt: null,
    createdAt: input.createdAt,
  };
}

export function newMembership(
  projectId: string,
  humanId: string,
  overrides: Partial<ScopeMembership> = {},
): ScopeMembership {
  return {
    projectId,
    mode: 'test',
    scope: '',
    humanId,
    connectUserId: null,
    uniqueHumanId: createId('uh'),
    createdAt: BASE_TIME,
    ...overrides,
  };
}

/** A counter kept in a session's assessment by the locking test (jsonb comes back as unknown). */
export const counterAssessment = z.object({ count: z.number() });
