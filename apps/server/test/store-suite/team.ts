// The lock a team change takes: the account's members who are not removed, oldest first.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createId } from '../../src/core/ids.ts';
import type { Store } from '../../src/store/store.ts';
import { at, createTenant } from './fixtures.ts';
import type { SuiteContext } from './suite-context.ts';

async function addMember(store: Store, accountId: string, offsetSeconds: number): Promise<string> {
  const member = await store.insertMember({
    id: createId('mem'),
    accountId,
    role: 'developer',
    displayName: `Member ${offsetSeconds}`,
    createdAt: at(offsetSeconds),
    removedAt: null,
  });
  return member.id;
}

export function describeTeam({ store }: SuiteContext): void {
  describe('team lock', () => {
    it("locks and returns the account's active members, oldest first", async () => {
      const { account } = await createTenant(store());
      const other = await createTenant(store());
      const later = await addMember(store(), account.id, 20);
      const earlier = await addMember(store(), account.id, 10);
      const removed = await addMember(store(), account.id, 5);
      await store().removeMember(removed, at(30));
      await addMember(store(), other.account.id, 1);
      const locked = await store().transaction((tx) => tx.lockActiveMembers(account.id));
      assert.deepEqual(
        locked.map((member) => member.id),
        [earlier, later],
      );
      assert.deepEqual(await store().lockActiveMembers(createId('acct')), []);
    });
  });
}
