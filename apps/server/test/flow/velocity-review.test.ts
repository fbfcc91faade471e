// A verification held for velocity alone (docs/assurance.md §4, §5) is decided like a face hold: the
// review API lists it with no similarity, approves it at the level it reached, or marks it a duplicate;
// the session keeps when each step was done, for the dashboard's timeline.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { heldReviewSchema } from '../../src/core/verification/review-decision.ts';
import type { TestApp } from '../harness.ts';
import { expectBody, poyPost } from '../routes/developer-api-helpers.ts';
import { createHeldVerification, createHoldingTenant } from '../support/held-verification.ts';
import { createFlowTestApp, getStatus, listConnectEvents, onlyEvent, parseReply } from './flow-driver.ts';

const decided = z.object({
  verificationId: z.string(),
  status: z.enum(['VERIFIED', 'UNFULFILLABLE']),
  reasons: z.array(z.string()),
});
const heldList = z.object({
  data: z.array(
    z.object({
      verificationId: z.string(),
      userId: z.string().nullable(),
      similarity: z.number().nullable(),
      reasons: z.array(z.string()),
      heldAt: z.string().nullable(),
    }),
  ),
});

describe('hosted flow: a velocity hold is decided through the review API', () => {
  let harness: TestApp;
  before(async () => {
    harness = await createFlowTestApp();
  });
  after(async () => {
    await harness.close();
  });

  it('is held with the limit it went over, listed without a similarity, and keeps its step times', async () => {
    const tenant = await createHoldingTenant(harness);
    const run = await createHeldVerification(harness, tenant.liveKey, { first: 'v-first', held: 'v-held' });
    const session = await harness.store.findSessionById(run.verificationId);
    assert.ok(session);
    const review = heldReviewSchema.parse(session.review);
    assert.deepEqual(review, {
      matchedHumanId: null,
      similarity: null,
      velocity: [{ limit: 'startsPerDevicePerHour', count: 2, max: 1 }],
    });
    for (const time of [session.startedAt, session.passkeyDoneAt, session.cameraDoneAt, session.heldAt]) {
      assert.ok(time instanceof Date, JSON.stringify(session));
    }
    const listed = parseReply(
      await harness.app.inject({
        method: 'GET',
        url: '/api/poy/reviews',
        headers: { authorization: `Bearer ${tenant.liveKey}` },
      }),
      heldList,
    );
    assert.deepEqual(
      listed.data.map((item) => [item.verificationId, item.userId, item.similarity]),
      [[run.verificationId, 'v-held', null]],
    );
    assert.ok(listed.data[0]?.reasons.includes('VELOCITY'));
  });

  it('approve verifies at the level reached (passkey), with USER_VERIFICATION_COMPLETED', async () => {
    const tenant = await createHoldingTenant(harness);
    const run = await createHeldVerification(harness, tenant.liveKey, { first: 'a-first', held: 'a-held' });
    const reply = await poyPost(harness, tenant.liveKey, `/api/poy/reviews/${run.verificationId}`, {
      decision: 'approve',
    });
    assert.deepEqual(expectBody(reply, 200, decided), {
      verificationId: run.verificationId,
      status: 'VERIFIED',
      reasons: [],
    });
    const status = await getStatus(harness, tenant.liveKey, 'a-held');
    assert.equal(status.verification_status, 'VERIFIED');
    assert.equal(status.assurance_level, 'passkey');
    onlyEvent(
      await listConnectEvents(harness, tenant.project.id),
      run.held.userId,
      'USER_VERIFICATION_COMPLETED',
    );
    const session = await harness.store.findSessionById(run.verificationId);
    assert.equal(session?.review, null);
    assert.ok(session?.heldAt && session.completedAt && session.heldAt <= session.completedAt);
  });

  it('duplicate ends UNFULFILLABLE with DUPLICATE_HUMAN', async () => {
    const tenant = await createHoldingTenant(harness);
    const run = await createHeldVerification(harness, tenant.liveKey, { first: 'd-first', held: 'd-held' });
    const reply = await poyPost(harness, tenant.liveKey, `/api/poy/reviews/${run.verificationId}`, {
      decision: 'duplicate',
    });
    assert.equal(expectBody(reply, 200, decided).status, 'UNFULFILLABLE');
    const status = await getStatus(harness, tenant.liveKey, 'd-held');
    assert.equal(status.unfulfillable_reason, 'DUPLICATE_HUMAN');
    onlyEvent(
      await listConnectEvents(harness, tenant.project.id),
      run.held.userId,
      'USER_VERIFICATION_DETERMINED_UNFULFILLABLE',
    );
  });
});
