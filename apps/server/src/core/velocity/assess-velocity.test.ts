// assessVelocity on the real store (PGlite through the test harness), with sessions built through the
// store API the way `start` and `complete` leave them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestStore, type TestStore } from '../../../test/harness.ts';
import type { Store, VerificationSession } from '../../store/store.ts';
import { ManualClock } from '../clock.ts';
import { createId } from '../ids.ts';
import { deriveServerSecrets } from '../secrets.ts';
import { createAccount } from '../tenancy/create-account.ts';
import { createProject } from '../tenancy/create-project.ts';
import { hashToken } from '../token-digest.ts';
import { assessVelocity } from './assess-velocity.ts';
import { createDeviceId, deriveVelocityDigests } from './velocity-digests.ts';
import { DEFAULT_VELOCITY_LIMITS } from './velocity-limits.ts';

const secrets = deriveServerSecrets('velocity-test-secret-key-0123456789');

describe('velocity assessment', () => {
  let testStore: TestStore;
  let store: Store;
  const clock = new ManualClock(new Date('2031-03-01T10:00:00.000Z'));
  let projectId = '';

  before(async () => {
    testStore = await createTestStore();
    store = testStore.store;
    const account = await createAccount({ store, clock }, { name: 'Velocity' });
    const created = await createProject(
      { store, clock },
      { accountId: account.id, name: 'Velocity', plan: 'pro' },
    );
    if (!created.ok) throw new Error(created.reason);
    projectId = created.project.id;
  });
  after(async () => {
    await testStore.close();
  });

  /** A session started now from this IP and device, as `start` leaves it. */
  async function startSession(input: { clientIp: string; deviceId: string; mode?: 'live' | 'test' }) {
    const id = createId('vs');
    const inserted = await store.insertVerificationSession({
      id,
      projectId,
      mode: input.mode ?? 'live',
      purpose: 'connect',
      connectUserId: null,
      inviteCodeHashHex: hashToken(`invite-${id}`),
      shortCodeHashHex: hashToken(`short-${id}`),
      expiresAt: new Date(clock.now().getTime() + 900_000),
      createdAt: clock.now(),
    });
    if (!inserted) throw new Error('insertVerificationSession returned null');
    const digests = deriveVelocityDigests({ secrets }, input);
    return store.updateVerificationSession(id, {
      startedAt: clock.now(),
      startIpHashHex: digests.ipHashHex,
      startPrefixHashHex: digests.prefixHashHex,
      startDeviceHashHex: digests.deviceHashHex,
    });
  }

  /** What `complete` does for a new human (the integrator's part, done here through the store). */
  async function completeWithNewHuman(session: VerificationSession) {
    return store.updateVerificationSession(session.id, {
      status: 'COMPLETED',
      outcome: 'verified',
      completedAt: clock.now(),
      createdHuman: true,
    });
  }

  it('50 new humans from one IP within a minute: the limits are exceeded, with counts', async () => {
    const ip = '198.51.100.23';
    const assessments = [];
    for (let index = 0; index < 50; index++) {
      // A fresh device each time, as a farm wiping its phone would: the IP still gives it away.
      const session = await startSession({ clientIp: ip, deviceId: createDeviceId() });
      assessments.push(await assessVelocity(store, { clock }, session, DEFAULT_VELOCITY_LIMITS));
      await completeWithNewHuman(session);
      clock.advanceBy(1_000);
    }
    const first = assessments[0];
    assert.deepEqual(first?.exceeded, [], 'the first person from an address is fine');
    const allowed = DEFAULT_VELOCITY_LIMITS.newHumansPerIpPerHour;
    for (const [index, assessment] of assessments.entries()) {
      const newHumansPerIp = assessment.exceeded.find((entry) => entry.limit === 'newHumansPerIpPerHour');
      if (index < allowed)
        assert.equal(newHumansPerIp, undefined, `session ${index + 1} is within the limit`);
      else
        assert.deepEqual(newHumansPerIp, { limit: 'newHumansPerIpPerHour', count: index + 1, max: allowed });
    }
    const last = assessments.at(-1)?.exceeded.map((entry) => entry.limit) ?? [];
    assert.deepEqual(last, ['newHumansPerIpPerHour', 'newHumansPerPrefixPerHour', 'startsPerIpPerHour']);
  });

  it('counts within the mode only, and forgets what is older than the window', async () => {
    const ip = '192.0.2.200';
    const device = createDeviceId();
    for (let index = 0; index < 4; index++) {
      await completeWithNewHuman(await startSession({ clientIp: ip, deviceId: device }));
    }
    const testSession = await startSession({ clientIp: ip, deviceId: device, mode: 'test' });
    assert.deepEqual(
      (await assessVelocity(store, { clock }, testSession, DEFAULT_VELOCITY_LIMITS)).exceeded,
      [],
      'live does not count in test',
    );
    const liveSession = await startSession({ clientIp: ip, deviceId: device });
    assert.deepEqual(
      (await assessVelocity(store, { clock }, liveSession, DEFAULT_VELOCITY_LIMITS)).exceeded.map(
        (entry) => entry.limit,
      ),
      ['newHumansPerDevicePerDay'],
      'the 5th new human on one device in a day',
    );
    clock.advanceBy(86_400_000 + 1_000);
    const later = await startSession({ clientIp: ip, deviceId: device });
    assert.deepEqual((await assessVelocity(store, { clock }, later, DEFAULT_VELOCITY_LIMITS)).exceeded, []);
  });

  it('does not count the assessed session against itself, before or after it is marked', async () => {
    const session = await startSession({ clientIp: '192.0.2.77', deviceId: createDeviceId() });
    const strict = { ...DEFAULT_VELOCITY_LIMITS, newHumansPerIpPerHour: 1, startsPerIpPerHour: 1 };
    assert.deepEqual((await assessVelocity(store, { clock }, session, strict)).exceeded, []);
    const marked = await completeWithNewHuman(session);
    assert.deepEqual((await assessVelocity(store, { clock }, marked, strict)).exceeded, []);
  });

  it('skips the digests a session does not have (started before they were kept)', async () => {
    const session = await startSession({ clientIp: '192.0.2.78', deviceId: createDeviceId() });
    const bare = await store.updateVerificationSession(session.id, {
      startIpHashHex: null,
      startPrefixHashHex: null,
      startDeviceHashHex: null,
    });
    const tightest = {
      newHumansPerIpPerHour: 1,
      newHumansPerPrefixPerHour: 1,
      newHumansPerDevicePerDay: 1,
      startsPerIpPerHour: 1,
      startsPerDevicePerHour: 1,
      velocityAction: 'fail' as const,
    };
    assert.deepEqual((await assessVelocity(store, { clock }, bare, tightest)).exceeded, []);
  });
});
