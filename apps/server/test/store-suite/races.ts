// Concurrent callers on one challenge or one key: exactly one wins.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addChallenge, addKey, at, BASE_TIME, createTenant, RACERS } from './fixtures.ts';
import type { SuiteContext } from './suite-context.ts';

export function describeRaces({ store }: SuiteContext): void {
  describe('races', () => {
    it(`${RACERS} concurrent consumeChallenge calls on one token: exactly one wins`, async () => {
      const challenge = await addChallenge(store());
      const results = await Promise.all(
        Array.from({ length: RACERS }, () => store().consumeChallenge({ ...challenge, now: BASE_TIME })),
      );
      const winners = results.filter((result) => result !== null);
      assert.equal(winners.length, 1, `winners: ${JSON.stringify(winners)}`);
      assert.equal(winners[0]?.id, challenge.id);
    });

    it(`${RACERS} concurrent revokeApiKey calls on one key: exactly one revokes it`, async () => {
      const { project } = await createTenant(store());
      const { apiKey } = await addKey(store(), project.id);
      const results = await Promise.all(
        Array.from({ length: RACERS }, (_, index) =>
          store().revokeApiKey({ keyId: apiKey.id, projectId: project.id, revokedAt: at(index) }),
        ),
      );
      const winners = results.filter((result) => result !== null);
      assert.equal(winners.length, 1, `winners: ${JSON.stringify(winners)}`);
      // The stored revocation time is the winner's: no loser overwrote it.
      assert.deepEqual((await store().findApiKeyById(apiKey.id))?.revokedAt, winners[0]?.revokedAt);
    });
  });
}
