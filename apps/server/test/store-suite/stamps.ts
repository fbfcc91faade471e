// Content stamps: an insert that reports a taken id instead of failing, so a stamp needs no look-up first.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Stamp } from '../../src/store/store.ts';
import { at, createTenant } from './fixtures.ts';
import type { SuiteContext } from './suite-context.ts';

export function describeStamps({ store }: SuiteContext): void {
  describe('stamps', () => {
    it('insertStampIfIdFree stores a stamp, and leaves a taken id with its first stamp', async () => {
      const { project } = await createTenant(store());
      const id = `stmp_${randomBytes(6).toString('hex')}`;
      const kid = `kid_${randomBytes(6).toString('hex')}`;
      await store().insertSigningKey({
        kid,
        purpose: 'stamp',
        publicJwk: { kty: 'EC' },
        privateKeyEncrypted: 'sealed',
        createdAt: at(0),
        retiredAt: null,
      });
      const stamp: Stamp = {
        id,
        projectId: project.id,
        mode: 'test',
        userId: 'u_1',
        humanId: null,
        createdBy: 'PoY #ABC-DEF',
        contentHash: 'a'.repeat(64),
        contentType: 'text/plain',
        title: null,
        url: null,
        kid,
        signature: 'sig-1',
        createdAt: at(1),
      };
      assert.deepEqual(await store().insertStampIfIdFree(stamp), stamp);
      assert.equal(await store().insertStampIfIdFree({ ...stamp, signature: 'sig-2', userId: 'u_2' }), null);
      assert.deepEqual(await store().findStamp(id), stamp);
    });
  });
}
