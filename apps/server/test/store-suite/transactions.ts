// `transaction`: commit and rollback together, invalidations only after commit, row locks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createId } from '../../src/core/ids.ts';
import type { Project, StoreOperations, VerificationSession } from '../../src/store/store.ts';
import { at, BASE_TIME, createTenant, INCREMENTERS, LOCK_HOLD_MS } from './fixtures.ts';
import { isSessionInvalidation, recordInvalidations } from './invalidations.ts';
import type { SuiteContext } from './suite-context.ts';
import {
  addConnectUser,
  addHuman,
  addSession,
  counterAssessment,
  newConnectUser,
  newHuman,
  newMembership,
  newPasskey,
  newSession,
} from './verification-fixtures.ts';

export function describeTransactions({ store }: SuiteContext): void {
  const tenant = async (): Promise<Project> => (await createTenant(store())).project;

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
      const recorder = recordInvalidations(store());
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
      const recorder = recordInvalidations(store());
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
}
