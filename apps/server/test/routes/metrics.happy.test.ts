// GET /metrics: Prometheus text whose counters move with traffic (request durations by route pattern,
// verifications by outcome, rate-limit refusals by surface) and the webhook queue gauges.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestApp, createTestTenant, type TestApp } from '../harness.ts';
import { parsePrometheusText, sampleValue } from '../support/prometheus-text.ts';

async function scrape(harness: TestApp) {
  const response = await harness.app.inject({ method: 'GET', url: '/metrics' });
  assert.equal(response.statusCode, 200, response.body);
  return { response, samples: parsePrometheusText(response.body) };
}

describe('/metrics (happy)', () => {
  it('answers Prometheus text without an API key; request counts move with traffic', async () => {
    const harness = await createTestApp();
    try {
      const tenant = await createTestTenant(harness);
      const first = await scrape(harness);
      assert.match(String(first.response.headers['content-type']), /^text\/plain; version=0\.0\.4/);
      const projectRoute = { route: '/api/poy/project', method: 'GET', status: '200' };
      const before = sampleValue(first.samples, 'poy_http_request_duration_seconds_count', projectRoute);

      for (let index = 0; index < 3; index += 1) {
        const response = await harness.app.inject({
          method: 'GET',
          url: '/api/poy/project',
          headers: { authorization: `Bearer ${tenant.testKey}` },
        });
        assert.equal(response.statusCode, 200, response.body);
      }
      const unauthorized = await harness.app.inject({ method: 'GET', url: '/api/poy/project' });
      assert.equal(unauthorized.statusCode, 401);

      const { samples } = await scrape(harness);
      assert.equal(sampleValue(samples, 'poy_http_request_duration_seconds_count', projectRoute) - before, 3);
      assert.equal(
        sampleValue(samples, 'poy_http_request_duration_seconds_count', { ...projectRoute, status: '401' }),
        1,
      );
      // The histogram's +Inf bucket equals its count; the sum is a positive duration.
      assert.equal(
        sampleValue(samples, 'poy_http_request_duration_seconds_bucket', { ...projectRoute, le: '+Inf' }),
        before + 3,
      );
      assert.ok(sampleValue(samples, 'poy_http_request_duration_seconds_sum', projectRoute) > 0);
      // The queue gauges are there (read from the store), with nothing queued on this fresh database.
      assert.equal(sampleValue(samples, 'poy_webhook_queue_depth'), 0);
      assert.equal(sampleValue(samples, 'poy_webhook_oldest_due_age_seconds'), 0);
      // The database pool, read from this process's pool at scrape time (PGlite: one session, idle now).
      assert.equal(sampleValue(samples, 'poy_db_pool_connections', { state: 'total' }), 1);
      assert.equal(sampleValue(samples, 'poy_db_pool_connections', { state: 'idle' }), 1);
      assert.equal(sampleValue(samples, 'poy_db_pool_waiting_requests'), 0);
    } finally {
      await harness.close();
    }
  });

  it('counts verifications by outcome as they end (sandbox outcomes marked as such)', async () => {
    const harness = await createTestApp();
    try {
      const tenant = await createTestTenant(harness);
      const force = async (userId: string, outcome: string): Promise<void> => {
        const response = await harness.app.inject({
          method: 'POST',
          url: '/api/poy/sandbox/outcome',
          headers: { authorization: `Bearer ${tenant.testKey}` },
          payload: { userId, outcome },
        });
        assert.equal(response.statusCode, 200, response.body);
      };
      await force('u-1', 'verified');
      await force('u-2', 'verified');
      await force('u-3', 'failed');
      const { samples } = await scrape(harness);
      const labels = { mode: 'test', sandbox: 'true' };
      assert.equal(sampleValue(samples, 'poy_verifications_total', { ...labels, outcome: 'verified' }), 2);
      assert.equal(sampleValue(samples, 'poy_verifications_total', { ...labels, outcome: 'failed' }), 1);
      assert.equal(sampleValue(samples, 'poy_verifications_total', { ...labels, outcome: 'duplicate' }), 0);
    } finally {
      await harness.close();
    }
  });

  it('counts rate-limit refusals by surface', async () => {
    const harness = await createTestApp();
    try {
      const tenant = await createTestTenant(harness, { rateLimitPerMinute: 1 });
      const statuses: number[] = [];
      for (let index = 0; index < 3; index += 1) {
        const response = await harness.app.inject({
          method: 'GET',
          url: '/api/poy/project',
          headers: { authorization: `Bearer ${tenant.testKey}` },
        });
        statuses.push(response.statusCode);
      }
      assert.deepEqual(statuses, [200, 429, 429]);
      const { samples } = await scrape(harness);
      assert.equal(sampleValue(samples, 'poy_rate_limited_requests_total', { surface: 'poy' }), 2);
      assert.equal(sampleValue(samples, 'poy_rate_limited_requests_total', { surface: 'connect' }), 0);
    } finally {
      await harness.close();
    }
  });
});
