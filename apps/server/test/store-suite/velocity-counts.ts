// countVelocitySessions (migration 0010): sessions counted by a `start` digest in a time window,
// deployment-wide within one mode. Every test uses digests of its own, because the count is not
// scoped to a tenant.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Store, VelocityCountQuery, VerificationSession } from '../../src/store/store.ts';
import { at, BASE_TIME, createTenant, randomHashHex } from './fixtures.ts';
import type { SuiteContext } from './suite-context.ts';
import { addSession } from './verification-fixtures.ts';

interface Digests {
  ip: string;
  prefix: string;
  device: string;
}

function freshDigests(): Digests {
  return { ip: randomHashHex(), prefix: randomHashHex(), device: randomHashHex() };
}

/** A session of the project started at `startedAt` with the digests, optionally completed. */
async function addStartedSession(
  store: Store,
  projectId: string,
  input: {
    digests: Digests;
    startedAt: Date;
    mode?: 'live' | 'test';
    completedAt?: Date;
    createdHuman?: boolean;
  },
): Promise<VerificationSession> {
  const session = await addSession(store, projectId, { mode: input.mode ?? 'test' });
  return store.updateVerificationSession(session.id, {
    startedAt: input.startedAt,
    startIpHashHex: input.digests.ip,
    startPrefixHashHex: input.digests.prefix,
    startDeviceHashHex: input.digests.device,
    ...(input.completedAt
      ? { status: 'COMPLETED', outcome: 'verified', completedAt: input.completedAt }
      : {}),
    ...(input.createdHuman === undefined ? {} : { createdHuman: input.createdHuman }),
  });
}

function query(digests: Digests, overrides: Partial<VelocityCountQuery> = {}): VelocityCountQuery {
  return {
    mode: 'test',
    digestKind: 'ip',
    digestHex: digests.ip,
    event: 'started',
    since: at(-3600),
    until: BASE_TIME,
    ...overrides,
  };
}

export function describeVelocityCounts({ store }: SuiteContext): void {
  describe('velocity counts', () => {
    it('stores the start digests and the created-human mark on the session', async () => {
      const { project } = await createTenant(store());
      const digests = freshDigests();
      const session = await addStartedSession(store(), project.id, { digests, startedAt: BASE_TIME });
      assert.equal(session.startIpHashHex, digests.ip);
      assert.equal(session.startPrefixHashHex, digests.prefix);
      assert.equal(session.startDeviceHashHex, digests.device);
      assert.equal(session.createdHuman, false);
      const marked = await store().updateVerificationSession(session.id, { createdHuman: true });
      assert.equal(marked.createdHuman, true);
      assert.deepEqual(await store().findSessionById(session.id), marked);
    });

    it('counts started sessions by each digest, across projects, only inside the window', async () => {
      const a = await createTenant(store());
      const b = await createTenant(store());
      const digests = freshDigests();
      await addStartedSession(store(), a.project.id, { digests, startedAt: at(-10) });
      await addStartedSession(store(), b.project.id, { digests, startedAt: at(-3600) });
      await addStartedSession(store(), a.project.id, { digests, startedAt: at(-3601) });
      await addStartedSession(store(), a.project.id, { digests, startedAt: at(1) });
      // Another device on the same address: counts by ip and prefix, not by device.
      await addStartedSession(store(), a.project.id, {
        digests: { ...digests, device: randomHashHex() },
        startedAt: at(-20),
      });
      assert.equal(
        await store().countVelocitySessions(query(digests)),
        3,
        'both ends of the window included',
      );
      assert.equal(
        await store().countVelocitySessions(
          query(digests, { digestKind: 'prefix', digestHex: digests.prefix }),
        ),
        3,
      );
      assert.equal(
        await store().countVelocitySessions(
          query(digests, { digestKind: 'device', digestHex: digests.device }),
        ),
        2,
      );
      assert.equal(await store().countVelocitySessions(query(freshDigests())), 0);
    });

    it('keeps live and test apart, and leaves out the session being assessed', async () => {
      const { project } = await createTenant(store());
      const digests = freshDigests();
      const own = await addStartedSession(store(), project.id, { digests, startedAt: at(-5) });
      await addStartedSession(store(), project.id, { digests, startedAt: at(-5), mode: 'live' });
      assert.equal(await store().countVelocitySessions(query(digests)), 1);
      assert.equal(await store().countVelocitySessions(query(digests, { excludeSessionId: own.id })), 0);
      assert.equal(await store().countVelocitySessions(query(digests, { mode: 'live' })), 1);
    });

    it('counts new humans by completion time, only those marked as having created one', async () => {
      const { project } = await createTenant(store());
      const digests = freshDigests();
      // Started long ago, completed in the window: counts as a new human now.
      await addStartedSession(store(), project.id, {
        digests,
        startedAt: at(-86_400),
        completedAt: at(-60),
        createdHuman: true,
      });
      await addStartedSession(store(), project.id, {
        digests,
        startedAt: at(-120),
        completedAt: at(-60),
        createdHuman: false,
      });
      await addStartedSession(store(), project.id, {
        digests,
        startedAt: at(-90_000),
        completedAt: at(-7200),
        createdHuman: true,
      });
      await addStartedSession(store(), project.id, { digests, startedAt: at(-30) });
      const newHumans = query(digests, { event: 'created_human' });
      assert.equal(await store().countVelocitySessions(newHumans), 1);
      assert.equal(await store().countVelocitySessions({ ...newHumans, since: at(-86_400) }), 2);
      assert.equal(await store().countVelocitySessions(query(digests)), 2, 'started in the last hour');
    });

    it('clears the digests of ended sessions older than the cutoff, and only those', async () => {
      const { project } = await createTenant(store());
      const digests = freshDigests();
      const old = await addStartedSession(store(), project.id, {
        digests,
        startedAt: at(-200_000),
        completedAt: at(-190_000),
      });
      const lateFinish = await addStartedSession(store(), project.id, {
        digests,
        startedAt: at(-200_000),
        completedAt: at(-60),
      });
      const stillPending = await addStartedSession(store(), project.id, { digests, startedAt: at(-200_000) });
      const recent = await addStartedSession(store(), project.id, {
        digests,
        startedAt: at(-60),
        completedAt: at(-30),
      });
      assert.ok((await store().clearStaleVelocityDigests(at(-86_400))) >= 1);
      const startIpOf = async (id: string) => (await store().findSessionById(id))?.startIpHashHex;
      const cleared = await store().findSessionById(old.id);
      assert.deepEqual(
        [cleared?.startIpHashHex, cleared?.startPrefixHashHex, cleared?.startDeviceHashHex],
        [null, null, null],
      );
      assert.equal(cleared?.startedAt?.getTime(), at(-200_000).getTime(), 'only the digests go');
      assert.equal(await startIpOf(lateFinish.id), digests.ip, 'completed inside the window');
      assert.equal(await startIpOf(stillPending.id), digests.ip, 'may still complete');
      assert.equal(await startIpOf(recent.id), digests.ip);
    });
  });
}
