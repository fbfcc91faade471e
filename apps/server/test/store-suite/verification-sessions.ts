// Verification sessions: lookup by code hash, updates, and the expiry sweep.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createId } from '../../src/core/ids.ts';
import type { Project, SessionPatch, VerificationSession } from '../../src/store/store.ts';
import { at, createTenant, EXPIRED_SESSIONS_ERA_END, LARGE_SIGN_COUNT, randomHashHex } from './fixtures.ts';
import type { SuiteContext } from './suite-context.ts';
import {
  addConnectUser,
  addHuman,
  addSession,
  expectedNewSession,
  newSession,
} from './verification-fixtures.ts';

export function describeVerificationSessions({ store }: SuiteContext): void {
  const tenant = async (): Promise<Project> => (await createTenant(store())).project;

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
}
