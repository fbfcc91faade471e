import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createReadiness } from '../../src/http/readiness.ts';
import { bodyOf, createTestApp, createTestStore } from '../harness.ts';

describe('health routes', () => {
  it('/healthz answers 200 without a key; /readyz reports the database check', async () => {
    const harness = await createTestApp();
    try {
      const live = await harness.app.inject({ method: 'GET', url: '/healthz' });
      assert.equal(live.statusCode, 200, live.body);
      assert.deepEqual(bodyOf(live), { status: 'ok' });
      const ready = await harness.app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(ready.statusCode, 200, ready.body);
      assert.deepEqual(bodyOf(ready), { status: 'ok', checks: { database: 'ok' } });
    } finally {
      await harness.close();
    }
  });

  it('/readyz answers 503 naming the failing dependency', async () => {
    const harness = await createTestApp({
      readinessChecks: [
        {
          name: 'redis',
          check: async () => {
            throw new Error('connection refused');
          },
        },
      ],
    });
    try {
      const ready = await harness.app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(ready.statusCode, 503, ready.body);
      assert.deepEqual(bodyOf(ready), {
        status: 'unavailable',
        checks: { database: 'ok', redis: 'failing' },
      });
      assert.ok(!ready.body.includes('connection refused'), 'causes are logged, not shown');
    } finally {
      await harness.close();
    }
  });

  it('/readyz answers 503 when the database is gone', async () => {
    const testStore = await createTestStore();
    const harness = await createTestApp({ testStore });
    try {
      await testStore.store.close();
      const ready = await harness.app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(ready.statusCode, 503, ready.body);
      assert.equal(Reflect.get(Object(bodyOf(ready).checks), 'database'), 'failing');
    } finally {
      await harness.app.close();
    }
  });

  it('a wrong method on /healthz is 405 in the POY format', async () => {
    const harness = await createTestApp();
    try {
      const response = await harness.app.inject({ method: 'POST', url: '/healthz' });
      assert.equal(response.statusCode, 405, response.body);
      assert.equal(Reflect.get(Object(bodyOf(response).error), 'type'), 'method_not_allowed');
    } finally {
      await harness.close();
    }
  });

  it('/readyz answers 503 at once when the process starts draining, /healthz stays 200', async () => {
    const readiness = createReadiness();
    const harness = await createTestApp({ readiness });
    try {
      const before = await harness.app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(before.statusCode, 200, before.body);
      readiness.startDraining();
      const draining = await harness.app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(draining.statusCode, 503, draining.body);
      assert.deepEqual(bodyOf(draining), { status: 'unavailable', checks: { shutdown: 'failing' } });
      const live = await harness.app.inject({ method: 'GET', url: '/healthz' });
      assert.equal(live.statusCode, 200, live.body);
    } finally {
      await harness.close();
    }
  });
});
