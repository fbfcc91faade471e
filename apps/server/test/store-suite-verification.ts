// The verification half of the Store conformance suite: humans and their passkeys, Connect users,
// verification sessions, scope memberships, the outbox, and `transaction`. Called from
// runStoreSuite (store-suite.ts), so it runs against PGlite and PostgreSQL alike. As in the rest of
// the suite, every test makes its own tenant and fresh random ids, so no test depends on another.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { createId, randomBase62 } from '../src/core/ids.ts';
import type {
  ConnectUser,
  ConnectUserPatch,
  Human,
  HumanPasskey,
  HumanPatch,
  Invalidation,
  KeyMode,
  NewConnectUser,
  NewVerificationSession,
  OutboxEvent,
  Project,
  ScopeMembership,
  SessionPatch,
  Store,
  StoreOperations,
  VerificationSession,
} from '../src/store/store.ts';
import type { StoreKind } from './harness.ts';

/** Collects invalidations until unsubscribed; `waitFor` resolves on the first match. */
export interface InvalidationRecorder {
  received: Invalidation[];
  waitFor(predicate: (invalidation: Invalidation) => boolean): Promise<Invalidation>;
  unsubscribe(): void;
}

/** What runStoreSuite lends this file, so the two halves share one store and one set of helpers. */
export interface VerificationSuiteContext {
  kind: StoreKind;
  store(): Store;
  createTenant(store: Store): Promise<{ project: Project }>;
  recordInvalidations(store: Store): InvalidationRecorder;
  /** Two Stores on one fresh database; the observer hears the actor only through NOTIFY. */
  openStorePair(kind: StoreKind): Promise<{ actor: Store; observer: Store; close(): Promise<void> }>;
}

// The same fixed clock as store-suite.ts: results depend only on each test's data.
const BASE_TIME = new Date('2030-06-01T12:00:00.000Z');
/**
 * Only the listExpiredPendingSessions test creates sessions expiring before this, because that
 * query is not scoped to a tenant: any other test's expired PENDING session would show up in it.
 */
const EXPIRED_SESSIONS_ERA_END = new Date('1991-01-01T00:00:00.000Z');
const RACERS = 20;
/** Concurrent read-lock-increment transactions in the locking tests. */
const INCREMENTERS = 10;
/**
 * Held between the locked read and the write, so that without the lock every incrementer would read
 * the same value and the final count would fall short (PostgreSQL runs them truly in parallel).
 */
const LOCK_HOLD_MS = 5;
/** Above 2^31, so an int4 column or a 32-bit parse would break it; WebAuthn counters are 32-bit unsigned. */
const LARGE_SIGN_COUNT = 3_000_000_000;

function at(offsetSeconds: number, base: Date = BASE_TIME): Date {
  return new Date(base.getTime() + offsetSeconds * 1_000);
}

function randomHashHex(): string {
  return randomBytes(32).toString('hex');
}

/** 7 upper-case hex characters, as the humans table requires. */
function randomPoyCode(): string {
  return randomBytes(4).toString('hex').slice(0, 7).toUpperCase();
}

type NewHuman = Parameters<StoreOperations['insertHuman']>[0];

function newHuman(overrides: Partial<NewHuman> = {}): NewHuman {
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

async function addHuman(store: StoreOperations, overrides: Partial<NewHuman> = {}): Promise<Human> {
  // A random 28-bit code can collide with another test's human; draw again, as the real caller does.
  for (let attempt = 0; attempt < 5; attempt++) {
    const human = await store.insertHuman(newHuman(overrides));
    if (human) return human;
  }
  throw new Error('insertHuman returned null five times in a row');
}

function newPasskey(humanId: string, overrides: Partial<HumanPasskey> = {}): HumanPasskey {
  return {
    credentialId: randomBase62(32),
    humanId,
    publicKeyBase64Url: randomBytes(77).toString('base64url'),
    signCount: 0,
    transports: ['internal', 'hybrid'],
    deviceType: 'multiDevice',
    backedUp: true,
    aaguid: 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd',
    createdAt: BASE_TIME,
    lastUsedAt: null,
    ...overrides,
  };
}

function newConnectUser(projectId: string, overrides: Partial<NewConnectUser> = {}): NewConnectUser {
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

async function addConnectUser(
  store: StoreOperations,
  projectId: string,
  overrides: Partial<NewConnectUser> = {},
): Promise<ConnectUser> {
  const user = await store.insertConnectUser(newConnectUser(projectId, overrides));
  if (!user) throw new Error('insertConnectUser returned null for a fresh reference id');
  return user;
}

function newSession(
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

async function addSession(
  store: StoreOperations,
  projectId: string,
  overrides: Partial<NewVerificationSession> = {},
): Promise<VerificationSession> {
  const session = await store.insertVerificationSession(newSession(projectId, overrides));
  if (!session) throw new Error('insertVerificationSession returned null for fresh code hashes');
  return session;
}

/** The record a freshly inserted session must come back as. */
function expectedNewSession(input: NewVerificationSession): VerificationSession {
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
    startedAt: null,
    assessment: null,
    expiresAt: input.expiresAt,
    completedAt: null,
    createdAt: input.createdAt,
  };
}

function newMembership(
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

function isSessionInvalidation(sessionId: string): (invalidation: Invalidation) => boolean {
  return (invalidation) =>
    invalidation.kind === 'verification_session' && invalidation.sessionId === sessionId;
}

/** A counter kept in a session's assessment by the locking test (jsonb comes back as unknown). */
const counterAssessment = z.object({ count: z.number() });

export function runVerificationStoreSuite(context: VerificationSuiteContext): void {
  const { kind, store } = context;
  const tenant = async (): Promise<Project> => (await context.createTenant(store())).project;

  describe('humans', () => {
    it('inserts a human without factors or verification time and finds it by id', async () => {
      const input = newHuman({ trustScore: 12, trustCeiling: 40, successfulVerifications: 1 });
      const inserted = await store().insertHuman(input);
      const expected: Human = {
        ...input,
        factors: null,
        verifiedAt: null,
        checks: null,
        emailHash: null,
        displayName: null,
      };
      assert.deepEqual(inserted, expected);
      assert.deepEqual(await store().findHumanById(input.id), expected);
    });

    it('round-trips factors and verification time given at insert', async () => {
      const factors = { liveness: 0.9, device: 0.5, behavioral: 0.25, credential: 1 };
      const input = newHuman({ status: 'verified', factors, verifiedAt: at(30) });
      const inserted = await store().insertHuman(input);
      assert.deepEqual(inserted, {
        ...input,
        factors,
        verifiedAt: at(30),
        checks: null,
        emailHash: null,
        displayName: null,
      });
      assert.deepEqual(await store().findHumanById(input.id), inserted);
    });

    it('finds no human for an unknown id', async () => {
      assert.equal(await store().findHumanById(createId('hum')), null);
    });

    it('returns null when the PoY code is taken, and keeps the first human', async () => {
      const first = await addHuman(store());
      const collidingId = createId('hum');
      const collision = await store().insertHuman(newHuman({ id: collidingId, poyCode: first.poyCode }));
      assert.equal(collision, null);
      assert.equal(await store().findHumanById(collidingId), null);
      assert.deepEqual(await store().findHumanById(first.id), first);
    });

    it('updateHuman changes each patched field and nothing else', async () => {
      const human = await addHuman(store());
      const factors = { liveness: 0.75, device: 1, behavioral: 0, credential: 0.5 };
      const patches: HumanPatch[] = [
        { status: 'verified', updatedAt: at(1) },
        { trustScore: 87, updatedAt: at(2) },
        { trustCeiling: 95, updatedAt: at(3) },
        { factors, updatedAt: at(4) },
        { successfulVerifications: 3, updatedAt: at(5) },
        { verifiedAt: at(6), updatedAt: at(6) },
        // Only updatedAt: a touch that changes nothing else.
        { updatedAt: at(7) },
        // Clearing: null factors and a null verification time come back as null.
        { factors: null, updatedAt: at(8) },
        { verifiedAt: null, updatedAt: at(9) },
      ];
      let expected: Human = human;
      for (const patch of patches) {
        expected = { ...expected, ...patch };
        assert.deepEqual(await store().updateHuman(human.id, patch), expected, JSON.stringify(patch));
        assert.deepEqual(await store().findHumanById(human.id), expected, JSON.stringify(patch));
      }
    });

    it('updateHuman rejects an unknown id', async () => {
      await assert.rejects(store().updateHuman(createId('hum'), { trustScore: 1, updatedAt: at(1) }));
    });
  });

  describe('human passkeys', () => {
    it('inserts a passkey and finds it by credential id, transports intact', async () => {
      const human = await addHuman(store());
      const passkey = newPasskey(human.id, { transports: ['usb', 'nfc', 'ble', 'internal', 'hybrid'] });
      assert.deepEqual(await store().insertHumanPasskey(passkey), passkey);
      assert.deepEqual(await store().findHumanPasskey(passkey.credentialId), passkey);
    });

    it('round-trips an empty transports list, a single-device key and a last-use time', async () => {
      const human = await addHuman(store());
      const passkey = newPasskey(human.id, {
        transports: [],
        deviceType: 'singleDevice',
        backedUp: false,
        lastUsedAt: at(60),
      });
      await store().insertHumanPasskey(passkey);
      assert.deepEqual(await store().findHumanPasskey(passkey.credentialId), passkey);
    });

    it('finds no passkey for an unknown credential id', async () => {
      assert.equal(await store().findHumanPasskey(randomBase62(32)), null);
    });

    it(`sign count round-trips as a number above 2^31 (${LARGE_SIGN_COUNT})`, async () => {
      const human = await addHuman(store());
      const passkey = newPasskey(human.id, { signCount: LARGE_SIGN_COUNT });
      assert.deepEqual(await store().insertHumanPasskey(passkey), passkey);
      const found = await store().findHumanPasskey(passkey.credentialId);
      // A bigint or a numeric string (node-postgres reads int8 as text) would also fail deepEqual,
      // but this says which.
      assert.equal(typeof found?.signCount, 'number');
      assert.equal(found?.signCount, LARGE_SIGN_COUNT);

      const larger = 2 ** 32 + 7;
      await store().recordHumanPasskeyUse({
        credentialId: passkey.credentialId,
        signCount: larger,
        backedUp: true,
        usedAt: at(10),
      });
      const afterUse = await store().findHumanPasskey(passkey.credentialId);
      assert.equal(typeof afterUse?.signCount, 'number');
      assert.equal(afterUse?.signCount, larger);
    });

    it('recordHumanPasskeyUse sets sign count, backup state and last use, and nothing else', async () => {
      const human = await addHuman(store());
      const passkey = newPasskey(human.id, { signCount: 5, backedUp: false });
      const untouched = newPasskey(human.id, { signCount: 9 });
      await store().insertHumanPasskey(passkey);
      await store().insertHumanPasskey(untouched);
      await store().recordHumanPasskeyUse({
        credentialId: passkey.credentialId,
        signCount: 6,
        backedUp: true,
        usedAt: at(120),
      });
      assert.deepEqual(await store().findHumanPasskey(passkey.credentialId), {
        ...passkey,
        signCount: 6,
        backedUp: true,
        lastUsedAt: at(120),
      });
      assert.deepEqual(await store().findHumanPasskey(untouched.credentialId), untouched);
    });

    it('recordHumanPasskeyUse on an unknown credential changes nothing and does not throw', async () => {
      await store().recordHumanPasskeyUse({
        credentialId: randomBase62(32),
        signCount: 1,
        backedUp: false,
        usedAt: at(1),
      });
    });
  });

  describe('connect users', () => {
    it('inserts a user as PENDING and finds it by reference id, by user id and by id', async () => {
      const project = await tenant();
      const input = newConnectUser(project.id, {
        mode: 'live',
        dataRequestType: 'IS_PHONE_NUMBER_VERIFIED',
        uniquenessRegionId: 'eu-west',
        redirectUrl: 'https://shop.example/done?x=1',
        updatedAt: at(1),
      });
      const expected: ConnectUser = {
        ...input,
        status: 'PENDING',
        unfulfillableReason: null,
        humanId: null,
        humannessScore: null,
        uniqueHumanId: null,
        verifiedAt: null,
      };
      assert.deepEqual(await store().insertConnectUser(input), expected);
      const key = { projectId: project.id, mode: input.mode };
      assert.deepEqual(
        await store().findConnectUser({ ...key, referenceUserId: input.referenceUserId }),
        expected,
      );
      assert.deepEqual(await store().findConnectUser({ ...key, userId: input.id }), expected);
      assert.deepEqual(await store().findConnectUserById(input.id), expected);
    });

    it('returns null on a duplicate (project, mode, reference id) and keeps the first user', async () => {
      const project = await tenant();
      const first = await addConnectUser(store(), project.id, { referenceUserId: 'same-ref' });
      const duplicateId = createId('bcu');
      const duplicate = await store().insertConnectUser(
        newConnectUser(project.id, {
          id: duplicateId,
          referenceUserId: 'same-ref',
          redirectUrl: 'https://other.example',
        }),
      );
      assert.equal(duplicate, null);
      assert.equal(await store().findConnectUserById(duplicateId), null);
      assert.deepEqual(
        await store().findConnectUser({ projectId: project.id, mode: 'test', referenceUserId: 'same-ref' }),
        first,
      );
    });

    it('the same reference id in the other mode or another project is a different user', async () => {
      const project = await tenant();
      const other = await tenant();
      const testUser = await addConnectUser(store(), project.id, { mode: 'test', referenceUserId: 'ref-1' });
      const liveUser = await addConnectUser(store(), project.id, { mode: 'live', referenceUserId: 'ref-1' });
      const otherUser = await addConnectUser(store(), other.id, { mode: 'test', referenceUserId: 'ref-1' });
      assert.equal(new Set([testUser.id, liveUser.id, otherUser.id]).size, 3);
      const find = (projectId: string, mode: KeyMode): Promise<ConnectUser | null> =>
        store().findConnectUser({ projectId, mode, referenceUserId: 'ref-1' });
      assert.equal((await find(project.id, 'test'))?.id, testUser.id);
      assert.equal((await find(project.id, 'live'))?.id, liveUser.id);
      assert.equal((await find(other.id, 'test'))?.id, otherUser.id);
      assert.equal(await find(other.id, 'live'), null);
    });

    it('findConnectUser returns null without a key, across tenants and modes, and when unknown', async () => {
      const project = await tenant();
      const intruder = await tenant();
      const user = await addConnectUser(store(), project.id, { mode: 'live' });
      // Neither a reference id nor a user id: nothing is identified, so nothing is found.
      assert.equal(await store().findConnectUser({ projectId: project.id, mode: 'live' }), null);
      // Another project's key must not reach this user, by either id.
      assert.equal(
        await store().findConnectUser({ projectId: intruder.id, mode: 'live', userId: user.id }),
        null,
      );
      assert.equal(
        await store().findConnectUser({
          projectId: intruder.id,
          mode: 'live',
          referenceUserId: user.referenceUserId,
        }),
        null,
      );
      // A test-mode key must not see a live user.
      assert.equal(
        await store().findConnectUser({ projectId: project.id, mode: 'test', userId: user.id }),
        null,
      );
      assert.equal(
        await store().findConnectUser({
          projectId: project.id,
          mode: 'test',
          referenceUserId: user.referenceUserId,
        }),
        null,
      );
      assert.equal(
        await store().findConnectUser({ projectId: project.id, mode: 'live', userId: createId('bcu') }),
        null,
      );
      assert.equal(
        await store().findConnectUser({ projectId: project.id, mode: 'live', referenceUserId: 'nobody' }),
        null,
      );
      assert.equal(await store().findConnectUserById(createId('bcu')), null);
    });

    it('updateConnectUser changes each patched field, and sets nullable fields back to null', async () => {
      const project = await tenant();
      const human = await addHuman(store());
      const user = await addConnectUser(store(), project.id, {
        redirectUrl: 'https://shop.example/first',
        uniquenessRegionId: 'region-a',
      });
      const patches: ConnectUserPatch[] = [
        { status: 'VERIFIED', updatedAt: at(1) },
        { unfulfillableReason: 'DUPLICATE_HUMAN', updatedAt: at(2) },
        { humanId: human.id, updatedAt: at(3) },
        { humannessScore: 93, updatedAt: at(4) },
        { uniqueHumanId: createId('uh'), updatedAt: at(5) },
        { verifiedAt: at(6), updatedAt: at(6) },
        { redirectUrl: 'https://shop.example/second', updatedAt: at(7) },
        { dataRequestType: 'IS_PHONE_NUMBER_VERIFIED', updatedAt: at(8) },
        { uniquenessRegionId: 'region-b', updatedAt: at(9) },
        // A zero score is a value, not an absence.
        { humannessScore: 0, updatedAt: at(10) },
        { updatedAt: at(11) },
        { unfulfillableReason: null, updatedAt: at(12) },
        { humanId: null, updatedAt: at(13) },
        { humannessScore: null, updatedAt: at(14) },
        { uniqueHumanId: null, updatedAt: at(15) },
        { verifiedAt: null, updatedAt: at(16) },
        { redirectUrl: null, updatedAt: at(17) },
        { uniquenessRegionId: null, updatedAt: at(18) },
        { status: 'REVOKED', dataRequestType: 'GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID', updatedAt: at(19) },
      ];
      let expected: ConnectUser = user;
      for (const patch of patches) {
        expected = { ...expected, ...patch };
        assert.deepEqual(await store().updateConnectUser(user.id, patch), expected, JSON.stringify(patch));
        assert.deepEqual(await store().findConnectUserById(user.id), expected, JSON.stringify(patch));
      }
    });

    it('updateConnectUser rejects an unknown id', async () => {
      await assert.rejects(
        store().updateConnectUser(createId('bcu'), { status: 'REVOKED', updatedAt: at(1) }),
      );
    });

    it('deleteConnectUser returns true, then false; it takes the sessions and scope places with it', async () => {
      const project = await tenant();
      const human = await addHuman(store());
      const doomed = await addConnectUser(store(), project.id);
      const kept = await addConnectUser(store(), project.id);
      const doomedSession = await addSession(store(), project.id, { connectUserId: doomed.id });
      const keptSession = await addSession(store(), project.id, { connectUserId: kept.id });
      const place = { projectId: project.id, mode: 'test' as const, scope: 'region-x', humanId: human.id };
      assert.equal(
        await store().insertScopeMembership(
          newMembership(project.id, human.id, { ...place, connectUserId: doomed.id }),
        ),
        true,
      );
      const keptPlace = newMembership(project.id, human.id, { scope: 'region-y', connectUserId: kept.id });
      assert.equal(await store().insertScopeMembership(keptPlace), true);

      assert.equal(await store().deleteConnectUser(doomed.id), true);
      assert.equal(await store().deleteConnectUser(doomed.id), false);
      assert.equal(await store().findConnectUserById(doomed.id), null);
      assert.equal(await store().findSessionById(doomedSession.id), null);
      assert.equal(await store().findScopeMembership(place), null);
      // The freed place can be taken again (the point of deleting a user's data).
      assert.equal(
        await store().insertScopeMembership(newMembership(project.id, human.id, { scope: 'region-x' })),
        true,
      );

      // Another user of the same project, and the human, are untouched.
      assert.deepEqual(await store().findConnectUserById(kept.id), kept);
      assert.deepEqual(await store().findSessionById(keptSession.id), keptSession);
      assert.deepEqual(
        await store().findScopeMembership({
          projectId: project.id,
          mode: 'test',
          scope: 'region-y',
          humanId: human.id,
        }),
        keptPlace,
      );
      assert.deepEqual(await store().findHumanById(human.id), human);
      assert.equal(await store().deleteConnectUser(createId('bcu')), false);
    });
  });

  describe('verification sessions', () => {
    it('inserts a PENDING session and finds it by invite hash, short code hash and id', async () => {
      const project = await tenant();
      const user = await addConnectUser(store(), project.id, { mode: 'live' });
      const input = newSession(project.id, { mode: 'live', connectUserId: user.id, expiresAt: at(600) });
      const expected = expectedNewSession(input);
      assert.deepEqual(await store().insertVerificationSession(input), expected);
      assert.deepEqual(await store().findSessionByInviteHash(input.inviteCodeHashHex), expected);
      assert.deepEqual(await store().findSessionByShortCodeHash(input.shortCodeHashHex), expected);
      assert.deepEqual(await store().findSessionById(input.id), expected);
    });

    it('stores a session without a Connect user (enrollment, poy_user)', async () => {
      const project = await tenant();
      for (const purpose of ['enrollment', 'poy_user'] as const) {
        const input = newSession(project.id, { purpose });
        assert.deepEqual(await store().insertVerificationSession(input), expectedNewSession(input));
        assert.deepEqual(await store().findSessionById(input.id), expectedNewSession(input));
      }
    });

    it('finds nothing for an unknown invite hash, short code hash or id', async () => {
      assert.equal(await store().findSessionByInviteHash(randomHashHex()), null);
      assert.equal(await store().findSessionByShortCodeHash(randomHashHex()), null);
      assert.equal(await store().findSessionById(createId('vs')), null);
    });

    it('returns null when the invite or short code hash is taken, and keeps the first session', async () => {
      const project = await tenant();
      const original = newSession(project.id);
      const stored = await store().insertVerificationSession(original);
      const inviteTaken = newSession(project.id, { inviteCodeHashHex: original.inviteCodeHashHex });
      const shortTaken = newSession(project.id, { shortCodeHashHex: original.shortCodeHashHex });
      assert.equal(await store().insertVerificationSession(inviteTaken), null);
      assert.equal(await store().insertVerificationSession(shortTaken), null);
      assert.equal(await store().findSessionById(inviteTaken.id), null);
      assert.equal(await store().findSessionById(shortTaken.id), null);
      // Neither refused session left its other code behind.
      assert.equal(await store().findSessionByShortCodeHash(inviteTaken.shortCodeHashHex), null);
      assert.equal(await store().findSessionByInviteHash(shortTaken.inviteCodeHashHex), null);
      assert.deepEqual(await store().findSessionByInviteHash(original.inviteCodeHashHex), stored);
      assert.deepEqual(await store().findSessionByShortCodeHash(original.shortCodeHashHex), stored);
    });

    it('findLatestSessionForConnectUser returns the one created last, of that user only', async () => {
      const project = await tenant();
      const user = await addConnectUser(store(), project.id);
      const neighbour = await addConnectUser(store(), project.id);
      // Inserted out of order, so "latest" must come from created_at, not insertion order.
      await addSession(store(), project.id, { connectUserId: user.id, createdAt: at(10) });
      const latest = await addSession(store(), project.id, { connectUserId: user.id, createdAt: at(30) });
      await addSession(store(), project.id, { connectUserId: user.id, createdAt: at(20) });
      await addSession(store(), project.id, { connectUserId: neighbour.id, createdAt: at(99) });
      assert.deepEqual(await store().findLatestSessionForConnectUser(user.id), latest);

      const lonely = await addConnectUser(store(), project.id);
      assert.equal(await store().findLatestSessionForConnectUser(lonely.id), null);
    });

    it('updateVerificationSession changes each patched field; jsonb signals and assessment round-trip', async () => {
      const project = await tenant();
      const human = await addHuman(store());
      const session = await addSession(store(), project.id);
      const passkeySignals = {
        userVerified: true,
        backedUp: false,
        attestation: 'none',
        transports: ['internal', 'hybrid'],
        counters: { before: 0, after: LARGE_SIGN_COUNT },
        note: 'ünïcødé ✓',
        missing: null,
      };
      const assessment = {
        model: 'poy-humanness-1',
        score: 87.5,
        reasons: [{ code: 'DEVICE_OK', weight: 0.25 }, { code: 'BEHAVIOUR_OK' }],
        nested: { deep: { deeper: [1, 2, [3]] } },
      };
      const patches: SessionPatch[] = [
        { startedAt: at(5) },
        { humanId: human.id },
        { flowTokenHashHex: randomHashHex() },
        { userAgentHashHex: randomHashHex() },
        { passkeySignals },
        { assessment },
        { status: 'COMPLETED', outcome: 'verified', completedAt: at(60) },
        // A plain string and an array are JSON values too.
        { passkeySignals: 'plain string', assessment: [1, 'two', false] },
        // Clearing every nullable field.
        { outcome: null },
        { humanId: null },
        { flowTokenHashHex: null },
        { passkeySignals: null },
        { userAgentHashHex: null },
        { startedAt: null },
        { assessment: null },
        { completedAt: null },
        { status: 'CANCELLED' },
        // An empty patch leaves the record as it is.
        {},
      ];
      let expected: VerificationSession = session;
      for (const patch of patches) {
        expected = { ...expected, ...patch };
        assert.deepEqual(
          await store().updateVerificationSession(session.id, patch),
          expected,
          JSON.stringify(patch),
        );
        assert.deepEqual(await store().findSessionById(session.id), expected, JSON.stringify(patch));
      }
    });

    it('updateVerificationSession rejects an unknown id', async () => {
      await assert.rejects(store().updateVerificationSession(createId('vs'), { status: 'EXPIRED' }));
    });

    it('listExpiredPendingSessions lists only PENDING sessions past expiry, soonest first, up to the limit', async () => {
      const project = await tenant();
      // The era before EXPIRED_SESSIONS_ERA_END belongs to this test alone (the query spans tenants).
      const era = new Date('1990-01-01T00:00:00.000Z');
      const expiringAt = async (offsetSeconds: number): Promise<VerificationSession> =>
        addSession(store(), project.id, { expiresAt: at(offsetSeconds, era), createdAt: at(-86_400, era) });
      // Inserted out of order, so the order returned comes from expires_at.
      const third = await expiringAt(300);
      const first = await expiringAt(100);
      const second = await expiringAt(200);
      const atNow = await expiringAt(400);
      const notYet = await expiringAt(401);
      for (const status of ['COMPLETED', 'EXPIRED', 'CANCELLED'] as const) {
        const settled = await expiringAt(50);
        await store().updateVerificationSession(settled.id, { status });
      }
      const now = at(400, era);
      assert.ok(now.getTime() < EXPIRED_SESSIONS_ERA_END.getTime(), 'this test must stay inside its era');
      const ids = (sessions: VerificationSession[]): string[] => sessions.map((session) => session.id);

      const all = await store().listExpiredPendingSessions(now, 100);
      // Expiry is inclusive, as for challenges: a session expiring exactly now is expired.
      assert.deepEqual(ids(all), [first.id, second.id, third.id, atNow.id]);
      assert.deepEqual(all[0], first);
      assert.ok(!ids(all).includes(notYet.id));
      assert.deepEqual(ids(await store().listExpiredPendingSessions(now, 2)), [first.id, second.id]);
      assert.deepEqual(await store().listExpiredPendingSessions(at(99, era), 100), []);
    });
  });

  describe('scope memberships', () => {
    it('inserts a place once; a second insert of the same place returns false and changes nothing', async () => {
      const project = await tenant();
      const human = await addHuman(store());
      const user = await addConnectUser(store(), project.id);
      const membership = newMembership(project.id, human.id, { connectUserId: user.id, scope: '' });
      const place = { projectId: project.id, mode: 'test' as const, scope: '', humanId: human.id };
      assert.equal(await store().findScopeMembership(place), null);
      assert.equal(await store().insertScopeMembership(membership), true);
      assert.deepEqual(await store().findScopeMembership(place), membership);

      const second = newMembership(project.id, human.id, { scope: '', createdAt: at(5) });
      assert.equal(await store().insertScopeMembership(second), false);
      assert.deepEqual(await store().findScopeMembership(place), membership);
    });

    it('the same human holds separate places per scope, mode and project', async () => {
      const project = await tenant();
      const other = await tenant();
      const human = await addHuman(store());
      const places: ScopeMembership[] = [
        newMembership(project.id, human.id, { scope: '' }),
        newMembership(project.id, human.id, { scope: 'eu' }),
        newMembership(project.id, human.id, { scope: '', mode: 'live' }),
        newMembership(other.id, human.id, { scope: '' }),
      ];
      for (const place of places) assert.equal(await store().insertScopeMembership(place), true);
      for (const place of places) {
        assert.deepEqual(
          await store().findScopeMembership({
            projectId: place.projectId,
            mode: place.mode,
            scope: place.scope,
            humanId: place.humanId,
          }),
          place,
        );
      }
      const stranger = await addHuman(store());
      assert.equal(
        await store().findScopeMembership({
          projectId: project.id,
          mode: 'test',
          scope: '',
          humanId: stranger.id,
        }),
        null,
      );
    });

    it(`${RACERS} concurrent transactions insert one place: exactly one gets it`, async () => {
      const project = await tenant();
      const human = await addHuman(store());
      const contenders = Array.from({ length: RACERS }, () =>
        newMembership(project.id, human.id, { scope: 'race' }),
      );
      const results = await Promise.all(
        contenders.map((membership) => store().transaction((tx) => tx.insertScopeMembership(membership))),
      );
      assert.equal(results.filter((won) => won).length, 1, `results: ${JSON.stringify(results)}`);
      const winner = contenders[results.indexOf(true)];
      assert.deepEqual(
        await store().findScopeMembership({
          projectId: project.id,
          mode: 'test',
          scope: 'race',
          humanId: human.id,
        }),
        winner,
      );
    });
  });

  describe('outbox', () => {
    it('bodyJson is byte for byte the JSON written, key order included', async () => {
      const project = await tenant();
      // Keys deliberately out of alphabetical order: jsonb would sort them; a text column must not.
      const body = {
        zeta: 1,
        alpha: { omega: [3, 2, 1], beta: null },
        type: 'connect.user.verified',
        text: 'ünïcødé "quoted" \\ \u2028 \u0001 ✓',
        fraction: 0.1,
        big: 12345678901234,
      };
      const event = {
        id: createId('evt'),
        projectId: project.id,
        mode: 'live' as const,
        surface: 'connect' as const,
        eventType: 'connect.user.verified',
        body,
        createdAt: at(1),
      };
      await store().insertOutboxEvent(event);
      const listed = await store().listOutboxEvents({ projectId: project.id });
      const expectedJson = JSON.stringify(body);
      assert.equal(listed.length, 1);
      assert.equal(listed[0]?.bodyJson, expectedJson);
      assert.ok(expectedJson.startsWith('{"zeta":1,"alpha":{"omega"'));
      const expected: OutboxEvent = { ...event, bodyJson: expectedJson };
      assert.deepEqual(listed[0], expected);
    });

    it('lists events in the order written, filtered by mode, up to the limit, of one project only', async () => {
      // Insertion order, not created_at: events sharing a timestamp, or stamped by a clock that went
      // backwards, are still delivered in the order they happened.
      const project = await tenant();
      const other = await tenant();
      const add = async (mode: KeyMode, createdAt: Date, projectId = project.id): Promise<string> => {
        const id = createId('evt');
        await store().insertOutboxEvent({
          id,
          projectId,
          mode,
          surface: mode === 'live' ? 'connect' : 'poy',
          eventType: 'suite.event',
          body: { id },
          createdAt,
        });
        return id;
      };
      const first = await add('live', at(30));
      const second = await add('test', at(10));
      const third = await add('live', at(10));
      const otherProject = await add('live', at(0), other.id);
      const fourth = await add('live', at(20));

      const ids = (events: OutboxEvent[]): string[] => events.map((event) => event.id);
      assert.deepEqual(ids(await store().listOutboxEvents({ projectId: project.id })), [
        first,
        second,
        third,
        fourth,
      ]);
      assert.deepEqual(ids(await store().listOutboxEvents({ projectId: project.id, mode: 'live' })), [
        first,
        third,
        fourth,
      ]);
      assert.deepEqual(ids(await store().listOutboxEvents({ projectId: project.id, mode: 'test' })), [
        second,
      ]);
      assert.deepEqual(ids(await store().listOutboxEvents({ projectId: project.id, limit: 2 })), [
        first,
        second,
      ]);
      assert.deepEqual(
        ids(await store().listOutboxEvents({ projectId: project.id, mode: 'live', limit: 2 })),
        [first, third],
      );
      assert.deepEqual(ids(await store().listOutboxEvents({ projectId: other.id })), [otherProject]);
      assert.deepEqual(await store().listOutboxEvents({ projectId: createId('proj') }), []);
    });
  });

  describe('transactions', () => {
    it('everything written through tx commits together, and the result is returned', async () => {
      const project = await tenant();
      const existing = await addSession(store(), project.id);
      const outcome = await store().transaction(async (tx) => {
        const human = await addHuman(tx, { status: 'verified' });
        const passkey = newPasskey(human.id);
        await tx.insertHumanPasskey(passkey);
        const user = await addConnectUser(tx, project.id);
        const updatedUser = await tx.updateConnectUser(user.id, {
          status: 'VERIFIED',
          humanId: human.id,
          updatedAt: at(1),
        });
        const session = await addSession(tx, project.id, { connectUserId: user.id });
        const updatedSession = await tx.updateVerificationSession(existing.id, {
          humanId: human.id,
          assessment: { score: 90 },
        });
        const membership = newMembership(project.id, human.id, { connectUserId: user.id });
        assert.equal(await tx.insertScopeMembership(membership), true);
        const eventId = createId('evt');
        await tx.insertOutboxEvent({
          id: eventId,
          projectId: project.id,
          mode: 'test',
          surface: 'connect',
          eventType: 'suite.committed',
          body: { userId: user.id },
          createdAt: at(2),
        });
        // Reads inside the transaction see its own writes.
        assert.deepEqual(await tx.findConnectUserById(user.id), updatedUser);
        return { human, passkey, updatedUser, session, updatedSession, membership, eventId };
      });

      assert.deepEqual(await store().findHumanById(outcome.human.id), outcome.human);
      assert.deepEqual(await store().findHumanPasskey(outcome.passkey.credentialId), outcome.passkey);
      assert.deepEqual(await store().findConnectUserById(outcome.updatedUser.id), outcome.updatedUser);
      assert.deepEqual(await store().findSessionById(outcome.session.id), outcome.session);
      assert.deepEqual(await store().findSessionById(existing.id), outcome.updatedSession);
      assert.deepEqual(
        await store().findScopeMembership({
          projectId: project.id,
          mode: 'test',
          scope: '',
          humanId: outcome.human.id,
        }),
        outcome.membership,
      );
      assert.deepEqual(
        (await store().listOutboxEvents({ projectId: project.id })).map((event) => event.id),
        [outcome.eventId],
      );
    });

    it('a thrown error rolls back every write and reaches the caller; its invalidations are not delivered', async () => {
      const project = await tenant();
      const existingHuman = await addHuman(store());
      const existingUser = await addConnectUser(store(), project.id);
      const existingSession = await addSession(store(), project.id, { connectUserId: existingUser.id });
      const marker = await addSession(store(), project.id);
      const failure = new Error('suite: abort the transaction');
      const written: { humanId?: string; credentialId?: string; userId?: string; sessionId?: string } = {};
      const recorder = context.recordInvalidations(store());
      try {
        await assert.rejects(
          store().transaction(async (tx) => {
            const human = await addHuman(tx);
            written.humanId = human.id;
            const passkey = newPasskey(human.id);
            await tx.insertHumanPasskey(passkey);
            written.credentialId = passkey.credentialId;
            await tx.updateHuman(existingHuman.id, { trustScore: 99, updatedAt: at(1) });
            const user = await addConnectUser(tx, project.id);
            written.userId = user.id;
            await tx.updateConnectUser(existingUser.id, { status: 'VERIFIED', updatedAt: at(1) });
            const session = await addSession(tx, project.id);
            written.sessionId = session.id;
            await tx.updateVerificationSession(existingSession.id, {
              status: 'COMPLETED',
              outcome: 'verified',
              assessment: { score: 100 },
            });
            assert.equal(await tx.insertScopeMembership(newMembership(project.id, existingHuman.id)), true);
            await tx.insertOutboxEvent({
              id: createId('evt'),
              projectId: project.id,
              mode: 'test',
              surface: 'connect',
              eventType: 'suite.rolled_back',
              body: { userId: existingUser.id },
              createdAt: at(2),
            });
            throw failure;
          }),
          (error) => error === failure,
        );

        const { humanId, credentialId, userId, sessionId } = written;
        assert.ok(humanId && credentialId && userId && sessionId, 'the transaction body ran to the end');
        assert.equal(await store().findHumanById(humanId), null);
        assert.equal(await store().findHumanPasskey(credentialId), null);
        assert.deepEqual(await store().findHumanById(existingHuman.id), existingHuman);
        assert.equal(await store().findConnectUserById(userId), null);
        assert.deepEqual(await store().findConnectUserById(existingUser.id), existingUser);
        assert.equal(await store().findSessionById(sessionId), null);
        assert.deepEqual(await store().findSessionById(existingSession.id), existingSession);
        assert.equal(
          await store().findScopeMembership({
            projectId: project.id,
            mode: 'test',
            scope: '',
            humanId: existingHuman.id,
          }),
          null,
        );
        assert.deepEqual(await store().listOutboxEvents({ projectId: project.id }), []);

        // A committed change after the rollback: once its announcement is here, one from the
        // rolled-back transaction would have been too.
        await store().updateVerificationSession(marker.id, { status: 'CANCELLED' });
        await recorder.waitFor(isSessionInvalidation(marker.id));
        assert.deepEqual(recorder.received.filter(isSessionInvalidation(existingSession.id)), []);
      } finally {
        recorder.unsubscribe();
      }
    });

    it('invalidations announced inside a committed transaction are delivered after the commit', async () => {
      const project = await tenant();
      const session = await addSession(store(), project.id);
      const recorder = context.recordInvalidations(store());
      try {
        await store().transaction(async (tx) => {
          await tx.updateVerificationSession(session.id, { status: 'COMPLETED', outcome: 'verified' });
          // Give any premature delivery (local or through NOTIFY) the chance to show up.
          await sleep(50);
          assert.deepEqual(recorder.received.filter(isSessionInvalidation(session.id)), []);
        });
        const delivered = await recorder.waitFor(isSessionInvalidation(session.id));
        assert.deepEqual(delivered, { kind: 'verification_session', sessionId: session.id });
      } finally {
        recorder.unsubscribe();
      }
    });

    it('a duplicate insert inside a transaction returns null or false and the transaction still commits', async () => {
      // On PostgreSQL a unique violation aborts the whole transaction even when caught, so the
      // store must avoid raising one for the collisions it reports as null or false.
      const project = await tenant();
      const human = await addHuman(store());
      const user = await addConnectUser(store(), project.id);
      const session = newSession(project.id);
      await store().insertVerificationSession(session);
      await store().insertScopeMembership(newMembership(project.id, human.id));
      const laterUser = await store().transaction(async (tx) => {
        assert.equal(await tx.insertHuman(newHuman({ poyCode: human.poyCode })), null);
        assert.equal(
          await tx.insertConnectUser(newConnectUser(project.id, { referenceUserId: user.referenceUserId })),
          null,
        );
        assert.equal(
          await tx.insertVerificationSession(
            newSession(project.id, { inviteCodeHashHex: session.inviteCodeHashHex }),
          ),
          null,
        );
        assert.equal(
          await tx.insertVerificationSession(
            newSession(project.id, { shortCodeHashHex: session.shortCodeHashHex }),
          ),
          null,
        );
        assert.equal(await tx.insertScopeMembership(newMembership(project.id, human.id)), false);
        return addConnectUser(tx, project.id);
      });
      assert.deepEqual(await store().findConnectUserById(laterUser.id), laterUser);
    });

    it(`findConnectUser forUpdate serializes ${INCREMENTERS} concurrent read-increment transactions`, async () => {
      const project = await tenant();
      const user = await addConnectUser(store(), project.id);
      await store().updateConnectUser(user.id, { humannessScore: 0, updatedAt: BASE_TIME });
      const key = { projectId: project.id, mode: 'test' as const, userId: user.id };
      await Promise.all(
        Array.from({ length: INCREMENTERS }, (_, index) =>
          store().transaction(async (tx) => {
            const locked = await tx.findConnectUser(key, { forUpdate: true });
            if (!locked) throw new Error('the user disappeared');
            await sleep(LOCK_HOLD_MS);
            await tx.updateConnectUser(user.id, {
              humannessScore: (locked.humannessScore ?? 0) + 1,
              updatedAt: at(index),
            });
          }),
        ),
      );
      assert.equal((await store().findConnectUserById(user.id))?.humannessScore, INCREMENTERS);
    });

    it(`findSessionById and findSessionByInviteHash forUpdate serialize concurrent read-increment transactions`, async () => {
      const project = await tenant();
      const input = newSession(project.id);
      await store().insertVerificationSession(input);
      await store().updateVerificationSession(input.id, { assessment: { count: 0 } });
      const lockers: Array<(tx: StoreOperations) => Promise<VerificationSession | null>> = [
        (tx) => tx.findSessionById(input.id, { forUpdate: true }),
        (tx) => tx.findSessionByInviteHash(input.inviteCodeHashHex, { forUpdate: true }),
      ];
      await Promise.all(
        Array.from({ length: INCREMENTERS }, (_, index) =>
          store().transaction(async (tx) => {
            const lock = lockers[index % lockers.length];
            if (!lock) throw new Error('no locker');
            const locked = await lock(tx);
            if (!locked) throw new Error('the session disappeared');
            const { count } = counterAssessment.parse(locked.assessment);
            await sleep(LOCK_HOLD_MS);
            await tx.updateVerificationSession(input.id, { assessment: { count: count + 1 } });
          }),
        ),
      );
      const final = await store().findSessionById(input.id);
      assert.deepEqual(final?.assessment, { count: INCREMENTERS });
    });
  });

  describe('session invalidations', () => {
    it('updateVerificationSession announces the session to a subscriber on the same store', async () => {
      const project = await tenant();
      const session = await addSession(store(), project.id);
      const recorder = context.recordInvalidations(store());
      try {
        await store().updateVerificationSession(session.id, { startedAt: at(1) });
        const delivered = await recorder.waitFor(isSessionInvalidation(session.id));
        assert.deepEqual(delivered, { kind: 'verification_session', sessionId: session.id });
      } finally {
        recorder.unsubscribe();
      }
    });

    describe('seen from a second store on the same database', () => {
      let pair: { actor: Store; observer: Store; close(): Promise<void> } | undefined;
      const stores = (): { actor: Store; observer: Store } => {
        if (!pair) throw new Error('The store pair was not opened (see the before hook failure)');
        return pair;
      };

      before(async () => {
        pair = await context.openStorePair(kind);
      });

      after(async () => {
        await pair?.close();
      });

      it('an update outside a transaction reaches the other store exactly once', async () => {
        const { actor, observer } = stores();
        const { project } = await context.createTenant(actor);
        const session = await addSession(actor, project.id);
        const marker = await addSession(actor, project.id);
        const recorder = context.recordInvalidations(observer);
        try {
          await actor.updateVerificationSession(session.id, { startedAt: at(1) });
          await actor.updateVerificationSession(marker.id, { startedAt: at(2) });
          // Commit order: once the marker has arrived, every earlier notification has too.
          await recorder.waitFor(isSessionInvalidation(marker.id));
          assert.deepEqual(recorder.received, [
            { kind: 'verification_session', sessionId: session.id },
            { kind: 'verification_session', sessionId: marker.id },
          ]);
        } finally {
          recorder.unsubscribe();
        }
      });

      it('a committed transaction is heard once; a rolled-back one, a failed update and an empty patch never', async () => {
        const { actor, observer } = stores();
        const { project } = await context.createTenant(actor);
        const committed = await addSession(actor, project.id);
        const rolledBack = await addSession(actor, project.id);
        const marker = await addSession(actor, project.id);
        const recorder = context.recordInvalidations(observer);
        try {
          await actor.transaction(async (tx) => {
            await tx.updateVerificationSession(committed.id, { status: 'COMPLETED' });
          });
          await assert.rejects(
            actor.transaction(async (tx) => {
              await tx.updateVerificationSession(rolledBack.id, { status: 'COMPLETED' });
              throw new Error('suite: roll back');
            }),
          );
          await assert.rejects(actor.updateVerificationSession(createId('vs'), { status: 'EXPIRED' }));
          // An empty patch changes nothing, so there is nothing to announce.
          await actor.updateVerificationSession(rolledBack.id, {});
          await actor.updateVerificationSession(marker.id, { status: 'CANCELLED' });
          await recorder.waitFor(isSessionInvalidation(marker.id));
          assert.deepEqual(recorder.received, [
            { kind: 'verification_session', sessionId: committed.id },
            { kind: 'verification_session', sessionId: marker.id },
          ]);
          assert.equal((await observer.findSessionById(rolledBack.id))?.status, 'PENDING');
        } finally {
          recorder.unsubscribe();
        }
      });
    });
  });
}
