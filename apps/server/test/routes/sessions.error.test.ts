import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { createTestTenant, type TestApp, type TestTenant } from '../harness.ts';
import {
  createDeveloperTestApp,
  expectBody,
  expectError,
  poyPost,
  SESSIONS_VERIFY,
} from './developer-api-helpers.ts';

describe('sessions: errors', () => {
  let harness: TestApp;
  let tenant: TestTenant;
  before(async () => {
    harness = await createDeveloperTestApp();
    tenant = await createTestTenant(harness);
  });
  after(async () => {
    await harness.close();
  });

  it('a missing, empty or oversized sessionToken → 400', async () => {
    for (const payload of [
      {},
      { sessionToken: '' },
      { sessionToken: 42 },
      { sessionToken: `poy_sess_${'a'.repeat(5000)}` },
    ]) {
      expectError(await poyPost(harness, tenant.testKey, SESSIONS_VERIFY, payload), 400, 'invalid_request');
    }
  });

  it('anything that is not a session token → 200 {valid:false, reason:"malformed"}', async () => {
    for (const sessionToken of [
      'garbage',
      'poy_sess_',
      'poy_sess_a.b.c',
      'eyJhbGciOiJFUzI1NiJ9.e30.AAAA',
      tenant.testKey,
    ]) {
      const answer = expectBody(
        await poyPost(harness, tenant.testKey, SESSIONS_VERIFY, { sessionToken }),
        200,
        z.object({ valid: z.literal(false), reason: z.string() }).strict(),
      );
      assert.equal(answer.reason, 'malformed', sessionToken);
    }
  });
});
