// Connect users: one per (project, mode, reference id), updated and deleted with what hangs off them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createId } from '../../src/core/ids.ts';
import type { ConnectUser, ConnectUserPatch, KeyMode, Project } from '../../src/store/store.ts';
import { at, createTenant } from './fixtures.ts';
import type { SuiteContext } from './suite-context.ts';
import {
  addConnectUser,
  addHuman,
  addSession,
  newConnectUser,
  newMembership,
} from './verification-fixtures.ts';

export function describeConnectUsers({ store }: SuiteContext): void {
  const tenant = async (): Promise<Project> => (await createTenant(store())).project;

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
}
