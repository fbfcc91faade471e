// The webhook metrics a scrape shows: attempts counted by result as the worker records them, and the
// queue gauges (depth, oldest due age) read from the store at scrape time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../../src/core/clock.ts';
import { createMetrics } from '../../src/observability/metrics.ts';
import { parsePrometheusText, sampleValue } from '../support/prometheus-text.ts';
import {
  emitEvent,
  endpointTo,
  fixtureStore,
  onlyDelivery,
  receiver,
  useWebhookWorkerFixture,
  worker,
} from '../support/webhook-worker-fixture.ts';

useWebhookWorkerFixture();

describe('webhook metrics', () => {
  it('count attempts by result and read the queue depth and the oldest due age on scrape', async () => {
    const hook = await receiver((_request, attempt) => (attempt === 1 ? { status: 500 } : { status: 200 }));
    const clock = new ManualClock(new Date());
    const metrics = createMetrics({ store: fixtureStore(), clock });
    const scrape = async () => parsePrometheusText(await metrics.render());
    const { projectId, endpoint } = await endpointTo(clock, hook.url);
    await emitEvent(clock, projectId, 'u-metrics');

    clock.advanceBy(90_000);
    let samples = await scrape();
    assert.equal(sampleValue(samples, 'poy_webhook_queue_depth'), 1);
    assert.equal(sampleValue(samples, 'poy_webhook_pending_deliveries'), 1);
    assert.equal(sampleValue(samples, 'poy_webhook_oldest_due_age_seconds'), 90);

    const run = worker(clock, { metrics: metrics.core });
    assert.equal(await run.runOnce(), 1); // 500: a retry
    const retrying = await onlyDelivery(endpoint.id);
    assert.ok(retrying.nextAttemptAt);
    clock.advanceBy(Math.max(0, retrying.nextAttemptAt.getTime() - clock.now().getTime()));
    // The gauges share one read per scrape (1 s); the next scrape reads again.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    samples = await scrape();
    assert.equal(sampleValue(samples, 'poy_webhook_attempts_total', { result: 'retry' }), 1);
    assert.equal(sampleValue(samples, 'poy_webhook_attempts_total', { result: 'succeeded' }), 0);
    assert.equal(sampleValue(samples, 'poy_webhook_queue_depth'), 1);

    assert.equal(await run.runOnce(), 1); // 200
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    samples = await scrape();
    assert.equal(sampleValue(samples, 'poy_webhook_attempts_total', { result: 'succeeded' }), 1);
    assert.equal(sampleValue(samples, 'poy_webhook_queue_depth'), 0);
    assert.equal(sampleValue(samples, 'poy_webhook_pending_deliveries'), 0);
    assert.equal(sampleValue(samples, 'poy_webhook_oldest_due_age_seconds'), 0);
  });
});
