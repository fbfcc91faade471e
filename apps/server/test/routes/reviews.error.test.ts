// The review API (docs/assurance.md §4) refuses what it cannot act on: an id it does not hold, a
// decision it does not know, a page size out of range — with the POY error format and nothing listed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { createTestApp, createTestTenant, type TestApp } from '../harness.ts';
import { expectBody, expectError, poyPost, type Reply } from './developer-api-helpers.ts';

const heldList = z.object({ data: z.array(z.object({ verificationId: z.string() })) }).strict();

describe('review API: errors', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createTestApp();
  });
  after(async () => {
    await harness.close();
  });

  async function list(key: string, query = ''): Promise<Reply> {
    const response = await harness.app.inject({
      method: 'GET',
      url: `/api/poy/reviews${query}`,
      headers: { authorization: `Bearer ${key}` },
    });
    const parsed: unknown = response.body ? JSON.parse(response.body) : {};
    const json = z.record(z.string(), z.unknown()).catch({}).parse(parsed);
    return { statusCode: response.statusCode, body: response.body, headers: response.headers, json };
  }

  it('a project that has held nothing lists nothing', async () => {
    const tenant = await createTestTenant(harness);
    assert.deepEqual(expectBody(await list(tenant.liveKey), 200, heldList), { data: [] });
  });

  it('a page size outside 1–100 is 400 invalid_request', async () => {
    const tenant = await createTestTenant(harness);
    for (const limit of ['0', '101', 'many']) {
      expectError(await list(tenant.liveKey, `?limit=${limit}`), 400, 'invalid_request');
    }
  });

  it('deciding an id this project never held is 404 not_found', async () => {
    const tenant = await createTestTenant(harness);
    const reply = await poyPost(harness, tenant.liveKey, '/api/poy/reviews/vs_unknown', {
      decision: 'approve',
    });
    expectError(reply, 404, 'not_found');
  });

  it('a decision other than approve or duplicate is 400 invalid_request', async () => {
    const tenant = await createTestTenant(harness);
    for (const payload of [{ decision: 'maybe' }, {}, { decision: 1 }]) {
      const reply = await poyPost(harness, tenant.liveKey, '/api/poy/reviews/vs_unknown', payload);
      expectError(reply, 400, 'invalid_request');
    }
  });
});
