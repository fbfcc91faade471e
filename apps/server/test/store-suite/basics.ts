// The store as a whole: its kind, ping, and close.
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

    it('close ends the store: ping afterwards rejects', async () => {
      const second = await openTestStore(kind);
      await second.store.ping();
      await second.close();
      await assert.rejects(second.store.ping());
    });
  });
}
