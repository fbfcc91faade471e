// Single-use challenges: consumed once, never after expiry.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createId } from '../../src/core/ids.ts';
import { addChallenge, at, BASE_TIME, createTenant, EXPIRED_ERA_END, randomHashHex } from './fixtures.ts';
import type { SuiteContext } from './suite-context.ts';

export function describeChallenges({ store }: SuiteContext): void {
  describe('challenges', () => {
    it('inserts a challenge and consumes it once, payload intact', async () => {
      const { project } = await createTenant(store());
      const payload = {
        challenge: 'q1w2e3',
        userVerification: 'required',
        nested: { list: [1, 'two', null] },
      };
      const tokenHashHex = randomHashHex();
      const id = createId('ch');
      const inserted = await store().insertChallenge({
        id,
        projectId: project.id,
        purpose: 'webauthn_register',
        tokenHashHex,
        payload,
        expiresAt: at(300),
        createdAt: BASE_TIME,
      });
      const expected = {
        id,
        projectId: project.id,
        purpose: 'webauthn_register',
        payload,
        expiresAt: at(300),
        createdAt: BASE_TIME,
      };
      assert.deepEqual(inserted, expected);

      const consumed = await store().consumeChallenge({
        purpose: 'webauthn_register',
        tokenHashHex,
        now: BASE_TIME,
      });
      assert.deepEqual(consumed, expected);
      const replay = await store().consumeChallenge({
        purpose: 'webauthn_register',
        tokenHashHex,
        now: BASE_TIME,
      });
      assert.equal(replay, null);
    });

    it('stores a challenge without a project', async () => {
      const challenge = await addChallenge(store(), { projectId: null, payload: 'plain string' });
      const consumed = await store().consumeChallenge({ ...challenge, now: BASE_TIME });
      assert.equal(consumed?.projectId, null);
      assert.equal(consumed?.payload, 'plain string');
    });

    it('returns null for the wrong purpose and leaves the challenge in place', async () => {
      const challenge = await addChallenge(store(), { purpose: 'invite' });
      const wrong = await store().consumeChallenge({
        purpose: 'enrollment',
        tokenHashHex: challenge.tokenHashHex,
        now: BASE_TIME,
      });
      assert.equal(wrong, null);
      const right = await store().consumeChallenge({ ...challenge, now: BASE_TIME });
      assert.equal(right?.id, challenge.id);
    });

    it('returns null for an unknown token', async () => {
      assert.equal(
        await store().consumeChallenge({
          purpose: 'suite_purpose',
          tokenHashHex: randomHashHex(),
          now: BASE_TIME,
        }),
        null,
      );
    });

    it('returns null for an expired challenge and removes it', async () => {
      const challenge = await addChallenge(store(), { expiresAt: at(60) });
      // Expiry is inclusive: at the exact expiry instant the challenge is no longer valid.
      assert.equal(await store().consumeChallenge({ ...challenge, now: at(60) }), null);
      // Gone, not merely refused: even a caller with an earlier clock cannot have it now.
      assert.equal(await store().consumeChallenge({ ...challenge, now: BASE_TIME }), null);
    });

    it('deleteExpiredChallenges removes exactly the expired ones and returns the count', async () => {
      const expiredEarly = await addChallenge(store(), { expiresAt: new Date('2000-01-01T00:00:00.000Z') });
      const expiredLate = await addChallenge(store(), { expiresAt: new Date('2001-06-01T00:00:00.000Z') });
      const alive = await addChallenge(store(), { expiresAt: new Date('2003-01-01T00:00:00.000Z') });

      assert.equal(await store().deleteExpiredChallenges(EXPIRED_ERA_END), 2);
      assert.equal(await store().deleteExpiredChallenges(EXPIRED_ERA_END), 0);
      const early = new Date('1999-01-01T00:00:00.000Z');
      assert.equal(await store().consumeChallenge({ ...expiredEarly, now: early }), null);
      assert.equal(await store().consumeChallenge({ ...expiredLate, now: early }), null);
      assert.equal((await store().consumeChallenge({ ...alive, now: EXPIRED_ERA_END }))?.id, alive.id);
    });
  });
}
