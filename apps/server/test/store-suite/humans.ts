// Humans and their passkeys.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createId, randomBase62 } from '../../src/core/ids.ts';
import type { Human, HumanPatch } from '../../src/store/store.ts';
import { at, LARGE_SIGN_COUNT } from './fixtures.ts';
import type { SuiteContext } from './suite-context.ts';
import { addHuman, newHuman, newPasskey } from './verification-fixtures.ts';

export function describeHumans({ store }: SuiteContext): void {
  describe('humans', () => {
    it('inserts a human without factors or verification time and finds it by id', async () => {
      const input = newHuman({ trustScore: 12, trustCeiling: 40, successfulVerifications: 1 });
      const inserted = await store().insertHuman(input);
      const expected: Human = {
        ...input,
        factors: null,
        verifiedAt: null,
        checks: null,
        emailHash: null,
        displayName: null,
      };
      assert.deepEqual(inserted, expected);
      assert.deepEqual(await store().findHumanById(input.id), expected);
    });

    it('round-trips factors and verification time given at insert', async () => {
      const factors = { liveness: 0.9, device: 0.5, behavioral: 0.25, credential: 1 };
      const input = newHuman({ status: 'verified', factors, verifiedAt: at(30) });
      const inserted = await store().insertHuman(input);
      assert.deepEqual(inserted, {
        ...input,
        factors,
        verifiedAt: at(30),
        checks: null,
        emailHash: null,
        displayName: null,
      });
      assert.deepEqual(await store().findHumanById(input.id), inserted);
    });

    it('finds no human for an unknown id', async () => {
      assert.equal(await store().findHumanById(createId('hum')), null);
    });

    it('returns null when the PoY code is taken, and keeps the first human', async () => {
      const first = await addHuman(store());
      const collidingId = createId('hum');
      const collision = await store().insertHuman(newHuman({ id: collidingId, poyCode: first.poyCode }));
      assert.equal(collision, null);
      assert.equal(await store().findHumanById(collidingId), null);
      assert.deepEqual(await store().findHumanById(first.id), first);
    });

    it('updateHuman changes each patched field and nothing else', async () => {
      const human = await addHuman(store());
      const factors = { liveness: 0.75, device: 1, behavioral: 0, credential: 0.5 };
      const patches: HumanPatch[] = [
        { status: 'verified', updatedAt: at(1) },
        { trustScore: 87, updatedAt: at(2) },
        { trustCeiling: 95, updatedAt: at(3) },
        { factors, updatedAt: at(4) },
        { successfulVerifications: 3, updatedAt: at(5) },
        { verifiedAt: at(6), updatedAt: at(6) },
        // Only updatedAt: a touch that changes nothing else.
        { updatedAt: at(7) },
        // Clearing: null factors and a null verification time come back as null.
        { factors: null, updatedAt: at(8) },
        { verifiedAt: null, updatedAt: at(9) },
      ];
      let expected: Human = human;
      for (const patch of patches) {
        expected = { ...expected, ...patch };
        assert.deepEqual(await store().updateHuman(human.id, patch), expected, JSON.stringify(patch));
        assert.deepEqual(await store().findHumanById(human.id), expected, JSON.stringify(patch));
      }
    });

    it('updateHuman rejects an unknown id', async () => {
      await assert.rejects(store().updateHuman(createId('hum'), { trustScore: 1, updatedAt: at(1) }));
    });
  });

  describe('human passkeys', () => {
    it('inserts a passkey and finds it by credential id, transports intact', async () => {
      const human = await addHuman(store());
      const passkey = newPasskey(human.id, { transports: ['usb', 'nfc', 'ble', 'internal', 'hybrid'] });
      assert.deepEqual(await store().insertHumanPasskey(passkey), passkey);
      assert.deepEqual(await store().findHumanPasskey(passkey.credentialId), passkey);
    });

    it('round-trips an empty transports list, a single-device key and a last-use time', async () => {
      const human = await addHuman(store());
      const passkey = newPasskey(human.id, {
        transports: [],
        deviceType: 'singleDevice',
        backedUp: false,
        lastUsedAt: at(60),
      });
      await store().insertHumanPasskey(passkey);
      assert.deepEqual(await store().findHumanPasskey(passkey.credentialId), passkey);
    });

    it('finds no passkey for an unknown credential id', async () => {
      assert.equal(await store().findHumanPasskey(randomBase62(32)), null);
    });

    it(`sign count round-trips as a number above 2^31 (${LARGE_SIGN_COUNT})`, async () => {
      const human = await addHuman(store());
      const passkey = newPasskey(human.id, { signCount: LARGE_SIGN_COUNT });
      assert.deepEqual(await store().insertHumanPasskey(passkey), passkey);
      const found = await store().findHumanPasskey(passkey.credentialId);
      // A bigint or a numeric string (node-postgres reads int8 as text) would also fail deepEqual,
      // but this says which.
      assert.equal(typeof found?.signCount, 'number');
      assert.equal(found?.signCount, LARGE_SIGN_COUNT);

      const larger = 2 ** 32 + 7;
      await store().recordHumanPasskeyUse({
        credentialId: passkey.credentialId,
        signCount: larger,
        backedUp: true,
        usedAt: at(10),
      });
      const afterUse = await store().findHumanPasskey(passkey.credentialId);
      assert.equal(typeof afterUse?.signCount, 'number');
      assert.equal(afterUse?.signCount, larger);
    });

    it('recordHumanPasskeyUse sets sign count, backup state and last use, and nothing else', async () => {
      const human = await addHuman(store());
      const passkey = newPasskey(human.id, { signCount: 5, backedUp: false });
      const untouched = newPasskey(human.id, { signCount: 9 });
      await store().insertHumanPasskey(passkey);
      await store().insertHumanPasskey(untouched);
      await store().recordHumanPasskeyUse({
        credentialId: passkey.credentialId,
        signCount: 6,
        backedUp: true,
        usedAt: at(120),
      });
      assert.deepEqual(await store().findHumanPasskey(passkey.credentialId), {
        ...passkey,
        signCount: 6,
        backedUp: true,
        lastUsedAt: at(120),
      });
      assert.deepEqual(await store().findHumanPasskey(untouched.credentialId), untouched);
    });

    it('recordHumanPasskeyUse on an unknown credential changes nothing and does not throw', async () => {
      await store().recordHumanPasskeyUse({
        credentialId: randomBase62(32),
        signCount: 1,
        backedUp: false,
        usedAt: at(1),
      });
    });
  });
}
