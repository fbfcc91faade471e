// Content stamps: an insert that reports a taken id instead of failing, so a stamp needs no look-up
// first, and the creator's human found in one statement.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Stamp } from '../../src/store/store.ts';
import { at, createTenant } from './fixtures.ts';
import type { SuiteContext } from './suite-context.ts';
import { addConnectUser, addHuman } from './verification-fixtures.ts';

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

    it('findHumanOfVerifiedUser finds the human of a VERIFIED user only, in its project and mode', async () => {
      const { project } = await createTenant(store());
      const other = await createTenant(store());
      const human = await addHuman(store(), { mode: 'test', status: 'verified' });
      const user = await addConnectUser(store(), project.id, { mode: 'test' });
      const key = { projectId: project.id, mode: 'test' as const, referenceUserId: user.referenceUserId };
      assert.equal(await store().findHumanOfVerifiedUser(key), null, 'PENDING');
      await store().updateConnectUser(user.id, { humanId: human.id, updatedAt: at(2) });
      assert.equal(await store().findHumanOfVerifiedUser(key), null, 'linked but not VERIFIED');
      await store().updateConnectUser(user.id, { status: 'VERIFIED', updatedAt: at(3) });
      assert.deepEqual(await store().findHumanOfVerifiedUser(key), await store().findHumanById(human.id));
      assert.equal(await store().findHumanOfVerifiedUser({ ...key, mode: 'live' }), null);
      assert.equal(await store().findHumanOfVerifiedUser({ ...key, projectId: other.project.id }), null);
      assert.equal(await store().findHumanOfVerifiedUser({ ...key, referenceUserId: 'nobody' }), null);
    });
  });
}
