// GET /metrics must not leak: label values are route patterns and closed sets, never the invite codes,
// ids or keys in URLs; it can be limited to a bearer token or turned off.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bodyOf, createTestApp, createTestTenant } from '../harness.ts';
import { parsePrometheusText, sampleValue } from '../support/prometheus-text.ts';

describe('/metrics (security)', () => {
  it('labels requests by route pattern: no invite code, user id, PoY code or key reaches the text', async () => {
    const harness = await createTestApp();
    try {
      const tenant = await createTestTenant(harness);
      const secretish = {
        invite: 'Zq7xK2mN9pQ4rS8tV1wY3a',
        userId: 'user-4815162342-private',
        poyCode: 'PRIVATECODE123',
        path: 'no-such-route-7f3e9a',
      };
      const requests = [
        { method: 'GET' as const, url: `/i/${secretish.invite}` },
        { method: 'GET' as const, url: `/p/${secretish.poyCode}` },
        {
          method: 'GET' as const,
          url: `/api/poy/trust/${secretish.userId}`,
          headers: { authorization: `Bearer ${tenant.testKey}` },
        },
        { method: 'GET' as const, url: `/${secretish.path}?token=${secretish.invite}` },
      ];
      for (const request of requests) await harness.app.inject(request);

      const response = await harness.app.inject({ method: 'GET', url: '/metrics' });
      assert.equal(response.statusCode, 200);
      for (const value of [...Object.values(secretish), tenant.testKey, tenant.project.id]) {
        assert.ok(!response.body.includes(value), `${value} appears in /metrics`);
      }
      const samples = parsePrometheusText(response.body);
      const count = (route: string): number =>
        samples
          .filter((s) => s.name === 'poy_http_request_duration_seconds_count' && s.labels.route === route)
          .reduce((sum, s) => sum + s.value, 0);
      assert.equal(count('/i/:code'), 1);
      assert.equal(count('/p/:poyCode'), 1);
      assert.equal(count('/api/poy/trust/:userId'), 1);
      assert.equal(count('unmatched'), 1);
      // Every label value of the HTTP histogram comes from a closed set.
      for (const sample of samples.filter((s) => s.name.startsWith('poy_http_request_duration_seconds'))) {
        assert.match(sample.labels.method ?? '', /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|OTHER)$/);
        assert.match(sample.labels.status ?? '', /^\d{3}$/);
        assert.ok(sample.labels.route === 'unmatched' || sample.labels.route?.startsWith('/'));
      }
    } finally {
      await harness.close();
    }
  });

  it('with METRICS_BEARER_TOKEN set, answers only that bearer token', async () => {
    const token = 'metrics-scrape-token-0123456789';
    const harness = await createTestApp({ config: { metrics: { enabled: true, bearerToken: token } } });
    try {
      const missing = await harness.app.inject({ method: 'GET', url: '/metrics' });
      assert.equal(missing.statusCode, 401, missing.body);
      assert.equal(Reflect.get(Object(bodyOf(missing).error), 'type'), 'unauthorized');
      const wrong = await harness.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${token}x` },
      });
      assert.equal(wrong.statusCode, 401);
      const right = await harness.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(right.statusCode, 200, right.body);
      const samples = parsePrometheusText(right.body);
      // The refused scrapes are counted like any request, by pattern.
      assert.equal(
        sampleValue(samples, 'poy_http_request_duration_seconds_count', {
          route: '/metrics',
          method: 'GET',
          status: '401',
        }),
        2,
      );
    } finally {
      await harness.close();
    }
  });

  it('with METRICS_ENABLED=false, /metrics does not exist', async () => {
    const harness = await createTestApp({ config: { metrics: { enabled: false, bearerToken: undefined } } });
    try {
      const response = await harness.app.inject({ method: 'GET', url: '/metrics' });
      assert.equal(response.statusCode, 404, response.body);
    } finally {
      await harness.close();
    }
  });
});
