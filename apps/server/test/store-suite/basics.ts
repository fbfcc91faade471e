// The store as a whole: its kind, ping, pool statistics, and close.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SuiteContext } from './suite-context.ts';
import { openTestStore } from './suite-context.ts';

export function describeBasics({ kind, store }: SuiteContext): void {
  describe('basics', () => {
    it('reports its kind and answers ping', async () => {
      assert.equal(store().kind, kind);
      await store().ping();
    });

    it('reports its pool: a connection is busy while a transaction holds it, idle after', async () => {
      const idle = store().poolStats();
      assert.ok(idle.total >= 1 && idle.idle <= idle.total && idle.waiting >= 0, JSON.stringify(idle));
      const inside = await store().transaction(async (tx) => {
        await tx.findProjectById('proj_pool_stats_probe');
        return store().poolStats();
      });
      assert.ok(inside.idle < inside.total, `one connection is held inside: ${JSON.stringify(inside)}`);
      const after = store().poolStats();
      assert.ok(after.idle >= 1, `released after: ${JSON.stringify(after)}`);
    });

    it('close ends the store: ping afterwards rejects', async () => {
      const second = await openTestStore(kind);
      await second.store.ping();
      await second.close();
      await assert.rejects(second.store.ping());
    });
  });
}
