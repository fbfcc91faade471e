// Usage per UTC day: API counts added in batches, verifications by outcome and webhook attempts, each
// read for one project and one mode only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createId } from '../../src/core/ids.ts';
import { addDeliveryWithAttempts } from '../support/usage-fixtures.ts';
import { addKey, createTenant } from './fixtures.ts';
import type { SuiteContext } from './suite-context.ts';
import { addSession } from './verification-fixtures.ts';

const day = (date: string, time = '12:00:00'): Date => new Date(`${date}T${time}.000Z`);

export function describeUsage({ store }: SuiteContext): void {
  describe('usage per day', () => {
    it('adds API counts per key and day, and reads one project and mode in a day range', async () => {
      const { project } = await createTenant(store());
      const other = await createTenant(store());
      const { apiKey: testKey } = await addKey(store(), project.id, { mode: 'test' });
      const { apiKey: liveKey } = await addKey(store(), project.id, { mode: 'live' });
      const { apiKey: otherKey } = await addKey(store(), other.project.id, { mode: 'test' });
      await store().addApiUsage([
        { apiKeyId: testKey.id, day: '2030-06-01', requests: 5, rateLimited: 1 },
        { apiKeyId: testKey.id, day: '2030-06-02', requests: 7, rateLimited: 0 },
        { apiKeyId: liveKey.id, day: '2030-06-01', requests: 11, rateLimited: 0 },
        { apiKeyId: otherKey.id, day: '2030-06-01', requests: 13, rateLimited: 2 },
        // A key that does not exist (its project was deleted): dropped, the rest still counts.
        { apiKeyId: createId('key'), day: '2030-06-01', requests: 1, rateLimited: 0 },
      ]);
      // Counts above 2^31 survive (bigint) and a second batch adds to the first.
      await store().addApiUsage([
        { apiKeyId: testKey.id, day: '2030-06-01', requests: 3_000_000_000, rateLimited: 4 },
      ]);
      await store().addApiUsage([]);
      const query = { projectId: project.id, since: '2030-06-01', until: '2030-06-03' };
      assert.deepEqual(await store().listApiUsage({ ...query, mode: 'test' }), [
        { day: '2030-06-01', apiKeyId: testKey.id, requests: 3_000_000_005, rateLimited: 5 },
        { day: '2030-06-02', apiKeyId: testKey.id, requests: 7, rateLimited: 0 },
      ]);
      assert.deepEqual(await store().listApiUsage({ ...query, mode: 'live' }), [
        { day: '2030-06-01', apiKeyId: liveKey.id, requests: 11, rateLimited: 0 },
      ]);
      // `until` is not included.
      assert.deepEqual(
        (await store().listApiUsage({ ...query, mode: 'test', until: '2030-06-02' })).map((row) => row.day),
        ['2030-06-01'],
      );
    });

    it('counts verifications by the UTC day they were created and their outcome', async () => {
      const { project } = await createTenant(store());
      const other = await createTenant(store());
      const outcomes = [
        { at: day('2030-06-01', '00:00:00'), outcome: 'verified' as const },
        { at: day('2030-06-01', '23:59:59'), outcome: 'verified' as const },
        { at: day('2030-06-01'), outcome: 'failed' as const },
        { at: day('2030-06-02'), outcome: null },
        { at: day('2030-06-02'), outcome: 'review' as const },
        { at: day('2030-06-03'), outcome: 'verified' as const },
      ];
      for (const each of outcomes) {
        const session = await addSession(store(), project.id, { createdAt: each.at });
        if (each.outcome !== null) {
          await store().updateVerificationSession(session.id, { status: 'COMPLETED', outcome: each.outcome });
        }
      }
      await addSession(store(), project.id, { createdAt: day('2030-06-01'), mode: 'live' });
      await addSession(store(), other.project.id, { createdAt: day('2030-06-01') });
      const counted = await store().countVerificationsByDay({
        projectId: project.id,
        mode: 'test',
        since: '2030-06-01',
        until: '2030-06-03',
      });
      assert.deepEqual(counted, [
        { day: '2030-06-01', outcome: 'failed', count: 1 },
        { day: '2030-06-01', outcome: 'verified', count: 2 },
        { day: '2030-06-02', outcome: 'pending', count: 1 },
        { day: '2030-06-02', outcome: 'review', count: 1 },
      ]);
    });

    it('summarizes webhook attempts per day: success rate and latency, one project and mode', async () => {
      const { project } = await createTenant(store());
      await addDeliveryWithAttempts(store(), {
        projectId: project.id,
        mode: 'test',
        attempts: [
          { at: day('2030-06-01', '01:00:00'), status: 500, ms: 100 },
          { at: day('2030-06-01', '02:00:00'), status: null, ms: 300 },
          { at: day('2030-06-01', '03:00:00'), status: 204, ms: 200 },
          { at: day('2030-06-02'), status: 200, ms: 50 },
        ],
      });
      await addDeliveryWithAttempts(store(), {
        projectId: project.id,
        mode: 'live',
        attempts: [{ at: day('2030-06-01'), status: 200, ms: 5 }],
      });
      const summary = await store().summarizeWebhookAttemptsByDay({
        projectId: project.id,
        mode: 'test',
        since: '2030-06-01',
        until: '2030-06-03',
      });
      assert.equal(summary.length, 2);
      assert.deepEqual(
        summary.map(({ day: date, attempts, succeeded, averageDurationMs }) => ({
          date,
          attempts,
          succeeded,
          averageDurationMs,
        })),
        [
          { date: '2030-06-01', attempts: 3, succeeded: 1, averageDurationMs: 200 },
          { date: '2030-06-02', attempts: 1, succeeded: 1, averageDurationMs: 50 },
        ],
      );
      // Linear interpolation between 200 and 300 ms at the 95th percentile.
      assert.ok(Math.abs((summary[0]?.p95DurationMs ?? 0) - 290) < 1e-9, JSON.stringify(summary[0]));
    });
  });
}
