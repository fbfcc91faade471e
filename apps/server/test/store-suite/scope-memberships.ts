// Uniqueness places: one per human per scope, even under concurrent completions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Project, ScopeMembership } from '../../src/store/store.ts';
import { at, createTenant, RACERS } from './fixtures.ts';
import type { SuiteContext } from './suite-context.ts';
import { addConnectUser, addHuman, newMembership } from './verification-fixtures.ts';

export function describeScopeMemberships({ store }: SuiteContext): void {
  const tenant = async (): Promise<Project> => (await createTenant(store())).project;

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
}
