// A verification held for review, made through the real phone flow (no face analysis needed): the
// project accepts the passkey level at any score, reviews what goes over a velocity limit, and allows
// one start per device an hour; a second person on the same phone is then held with VELOCITY
// (docs/assurance.md §4, §5).
import assert from 'node:assert/strict';
import { createApiKey } from '../../src/core/keys/create-api-key.ts';
import { createAccount } from '../../src/core/tenancy/create-account.ts';
import { createProject } from '../../src/core/tenancy/create-project.ts';
import { hashToken } from '../../src/core/token-digest.ts';
import { DEFAULT_VELOCITY_LIMITS } from '../../src/core/velocity/velocity-limits.ts';
import { newDevice, type RegisteredUser, registerAndRunFlow, switchDevice } from '../flow/flow-driver.ts';
import type { TestApp, TestTenant } from '../harness.ts';
import { SoftAuthenticator } from './soft-authenticator.ts';

/**
 * A tenant whose project holds the second start from one device within an hour for review, and
 * accepts what a camera-free verification reaches (the passkey level, any score), so that nothing
 * but the velocity limit decides.
 */
export async function createHoldingTenant(harness: TestApp): Promise<TestTenant> {
  const account = await createAccount(harness, { name: 'Holding tenant' });
  const created = await createProject(harness, {
    accountId: account.id,
    name: 'Holding project',
    plan: 'enterprise',
    trustThreshold: 0,
  });
  assert.ok(created.ok);
  const project = await harness.store.updateProjectSettings(created.project.id, {
    requiredAssurance: 'passkey',
    velocityLimits: { ...DEFAULT_VELOCITY_LIMITS, startsPerDevicePerHour: 1, velocityAction: 'review' },
  });
  const live = await createApiKey(harness, { projectId: created.project.id, mode: 'live' });
  const test = await createApiKey(harness, { projectId: created.project.id, mode: 'test' });
  assert.ok(project && live && test);
  return {
    project,
    liveKey: live.secret,
    testKey: test.secret,
    liveKeyId: live.apiKey.id,
    testKeyId: test.apiKey.id,
  };
}

export interface HeldVerification {
  /** The person verified first on the phone. */
  first: RegisteredUser;
  /** The one held. */
  held: RegisteredUser;
  verificationId: string;
}

/**
 * Two people verify on one fresh phone with `apiKey` (its project set up by holdRepeatedStarts); the
 * second is held. `apiKey` is a key of a createHoldingTenant project. The harness's device is switched back afterwards.
 */
export async function createHeldVerification(
  harness: TestApp,
  apiKey: string,
  names: { first: string; held: string },
): Promise<HeldVerification> {
  const previous = switchDevice(harness, newDevice());
  try {
    const first = await registerAndRunFlow(
      harness,
      apiKey,
      { reference_user_id: names.first },
      new SoftAuthenticator(),
      { camera: 'declined' },
    );
    assert.match(first.reply.body, /"status":"VERIFIED"/, first.reply.body);
    const held = await registerAndRunFlow(
      harness,
      apiKey,
      { reference_user_id: names.held },
      new SoftAuthenticator(),
      { camera: 'declined' },
    );
    assert.match(held.reply.body, /"status":"IN_REVIEW"/, held.reply.body);
    assert.match(held.reply.body, /"VELOCITY"/, held.reply.body);
    const session = await harness.store.findSessionByInviteHash(hashToken(held.user.code));
    assert.ok(session);
    return { first: first.user, held: held.user, verificationId: session.id };
  } finally {
    switchDevice(harness, previous);
  }
}
