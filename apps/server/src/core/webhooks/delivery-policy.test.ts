import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  attemptOutcomeOf,
  DISABLE_FAILING_ENDPOINT_AFTER_MS,
  endpointActionAfterFailure,
  isSuccessfulStatus,
  mustClearFailingSince,
} from './delivery-policy.ts';
import { DEFAULT_RETRY_SCHEDULE, type RetrySchedule } from './retry-schedule.ts';

const AT = new Date('2026-04-07T12:00:00.000Z');
const DAY_MS = 86_400_000;
// No jitter, so every gap is its nominal value.
const EXACT: RetrySchedule = { ...DEFAULT_RETRY_SCHEDULE, jitter: 0 };

describe('delivery policy', () => {
  it('counts only 2xx answers as success', () => {
    for (const status of [200, 201, 202, 204, 299])
      assert.equal(isSuccessfulStatus(status), true, String(status));
    for (const status of [null, 100, 199, 300, 301, 304, 400, 404, 410, 429, 500, 503]) {
      assert.equal(isSuccessfulStatus(status), false, String(status));
    }
  });

  it('settles a success whatever the attempt number, even the last', () => {
    for (const attemptNumber of [1, 8, EXACT.maxAttempts]) {
      assert.deepEqual(
        attemptOutcomeOf({ statusCode: 204, attemptNumber, attemptedAt: AT, schedule: EXACT }),
        {
          kind: 'succeeded',
        },
      );
    }
  });

  it('retries a failure after the schedule gap (5 s doubling, capped at 6 h), counted from the attempt', () => {
    const expected: Array<[number, number]> = [
      [1, 5_000],
      [2, 10_000],
      [3, 20_000],
      [12, 5_000 * 2 ** 11],
      [13, 5_000 * 2 ** 12],
      [14, 6 * 3_600_000],
      [EXACT.maxAttempts - 1, 6 * 3_600_000],
    ];
    for (const [attemptNumber, delayMs] of expected) {
      for (const statusCode of [500, null]) {
        assert.deepEqual(
          attemptOutcomeOf({ statusCode, attemptNumber, attemptedAt: AT, schedule: EXACT }),
          { kind: 'retry', nextAttemptAt: new Date(AT.getTime() + delayMs) },
          `attempt ${attemptNumber}, status ${statusCode}`,
        );
      }
    }
  });

  it('gives up after the last of 16 attempts', () => {
    assert.equal(EXACT.maxAttempts, 16);
    assert.deepEqual(
      attemptOutcomeOf({ statusCode: 503, attemptNumber: 16, attemptedAt: AT, schedule: EXACT }),
      { kind: 'failed' },
    );
  });

  it('applies jitter through the injected random source', () => {
    const schedule = { ...DEFAULT_RETRY_SCHEDULE, jitter: 0.2 };
    const early = attemptOutcomeOf({
      statusCode: 500,
      attemptNumber: 1,
      attemptedAt: AT,
      schedule,
      random: () => 0,
    });
    const late = attemptOutcomeOf({
      statusCode: 500,
      attemptNumber: 1,
      attemptedAt: AT,
      schedule,
      random: () => 1,
    });
    assert.deepEqual(early, { kind: 'retry', nextAttemptAt: new Date(AT.getTime() + 4_000) });
    assert.deepEqual(late, { kind: 'retry', nextAttemptAt: new Date(AT.getTime() + 6_000) });
  });

  it('clears the failure clock after a success only when the endpoint was failing', () => {
    assert.equal(mustClearFailingSince(null, false), false);
    assert.equal(mustClearFailingSince(AT, false), true);
    // Marked failing by this worker after the batch's snapshot of the endpoint was taken.
    assert.equal(mustClearFailingSince(null, true), true);
  });

  it('disables an endpoint once every delivery has failed for 5 days, not a moment before', () => {
    assert.equal(DISABLE_FAILING_ENDPOINT_AFTER_MS, 5 * DAY_MS);
    const failingSince = new Date(AT.getTime() - 5 * DAY_MS);
    const endpoint = { enabled: true, failingSince };
    assert.equal(endpointActionAfterFailure(endpoint, AT), 'disable');
    assert.equal(endpointActionAfterFailure(endpoint, new Date(AT.getTime() + DAY_MS)), 'disable');
    assert.equal(endpointActionAfterFailure(endpoint, new Date(AT.getTime() - 1)), 'keep_failing');
    assert.equal(endpointActionAfterFailure({ enabled: true, failingSince: AT }, AT), 'keep_failing');
  });

  it('starts the clock on the first failure, and leaves gone or disabled endpoints alone', () => {
    assert.equal(endpointActionAfterFailure({ enabled: true, failingSince: null }, AT), 'start_failing');
    assert.equal(endpointActionAfterFailure({ enabled: false, failingSince: null }, AT), 'none');
    assert.equal(
      endpointActionAfterFailure({ enabled: false, failingSince: new Date(AT.getTime() - 9 * DAY_MS) }, AT),
      'none',
    );
    assert.equal(endpointActionAfterFailure(null, AT), 'none');
  });
});
