// The last owner stays, even against concurrent changes: two owners demoting (or removing) each other
// at the same moment leave one owner, never none. Run on both databases (on PostgreSQL the two
// transactions truly overlap; the member lock makes the second see the first's result).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../src/core/clock.ts';
import { createId } from '../src/core/ids.ts';
import { changeMemberRole } from '../src/core/members/change-member-role.ts';
import { removeMember } from '../src/core/members/remove-member.ts';
import type { Store } from '../src/store/store.ts';
import type { TestStore } from './harness.ts';
import { openTestStore, SKIP_POSTGRES_REASON } from './store-suite/suite-context.ts';

const ROUNDS = 10;

for (const kind of ['pglite', 'postgres'] as const) {
  describe(`team changes under concurrency (${kind})`, {
    skip: kind === 'postgres' ? SKIP_POSTGRES_REASON : undefined,
  }, () => {
    let testStore: TestStore | undefined;
    const clock = new ManualClock();
    const store = (): Store => {
      if (!testStore) throw new Error('The test store was not opened');
      return testStore.store;
    };
    before(async () => {
      testStore = await openTestStore(kind);
    });
    after(async () => {
      await testStore?.close();
    });

    async function twoOwners(): Promise<{ accountId: string; first: string; second: string }> {
      const account = await store().insertAccount({
        id: createId('acct'),
        name: 'Race',
        createdAt: clock.now(),
      });
      const owner = async () =>
        (
          await store().insertMember({
            id: createId('mem'),
            accountId: account.id,
            role: 'owner',
            displayName: 'Owner',
            createdAt: clock.now(),
            removedAt: null,
          })
        ).id;
      return { accountId: account.id, first: await owner(), second: await owner() };
    }

    const actor = (memberId: string) => ({
      kind: 'member' as const,
      memberId,
      displayName: 'Owner',
      ip: null,
    });

    it('two owners demoting each other at once: one succeeds, one owner remains', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const { accountId, first, second } = await twoOwners();
        const demote = (by: string, whom: string) =>
          changeMemberRole(
            { store: store(), clock },
            { accountId, actorMemberId: by, actor: actor(by), memberId: whom, role: 'viewer' },
          );
        const results = await Promise.all([demote(first, second), demote(second, first)]);
        assert.equal(results.filter((result) => result.ok).length, 1, JSON.stringify(results));
        const owners = (await store().listMembersByAccount(accountId)).filter(
          (member) => member.role === 'owner',
        );
        assert.equal(owners.length, 1);
      }
    });

    it('two owners removing each other at once: one succeeds, one owner remains', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const { accountId, first, second } = await twoOwners();
        const remove = (by: string, whom: string) =>
          removeMember(
            { store: store(), clock },
            { accountId, actorMemberId: by, actor: actor(by), memberId: whom },
          );
        const results = await Promise.all([remove(first, second), remove(second, first)]);
        assert.equal(results.filter((result) => result.ok).length, 1, JSON.stringify(results));
        const owners = (await store().listMembersByAccount(accountId)).filter(
          (member) => member.role === 'owner',
        );
        assert.equal(owners.length, 1);
      }
    });
  });
}
