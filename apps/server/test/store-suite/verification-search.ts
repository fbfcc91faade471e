// The dashboard's verification search: always within one project and one mode, exact text matches on
// the ids a business knows, filters that agree with what reads report, keyset pages newest first, and
// the timeline times kept on the session.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createId } from '../../src/core/ids.ts';
import type {
  KeyMode,
  Project,
  SessionPatch,
  VerificationSearchQuery,
  VerificationSession,
} from '../../src/store/store.ts';
import { at, createTenant, randomHashHex } from './fixtures.ts';
import type { SuiteContext } from './suite-context.ts';
import { addConnectUser, addHuman, addSession } from './verification-fixtures.ts';

export function describeVerificationSearch({ store }: SuiteContext): void {
  const tenant = async (): Promise<Project> => (await createTenant(store())).project;

  async function session(
    project: Project,
    options: { mode?: KeyMode; createdAt?: Date; user?: boolean; patch?: SessionPatch } = {},
  ): Promise<VerificationSession> {
    const mode = options.mode ?? 'test';
    const user = options.user === false ? null : await addConnectUser(store(), project.id, { mode });
    const added = await addSession(store(), project.id, {
      mode,
      connectUserId: user?.id ?? null,
      createdAt: options.createdAt ?? at(0),
    });
    return options.patch ? store().updateVerificationSession(added.id, options.patch) : added;
  }

  async function ids(query: Omit<VerificationSearchQuery, 'limit'> & { limit?: number }): Promise<string[]> {
    const found = await store().searchVerifications({ limit: 50, ...query });
    return found.map((entry) => entry.session.id);
  }

  const completed = (outcome: 'verified' | 'failed' | 'duplicate' | 'review', reasons: string[] = []) =>
    ({
      status: 'COMPLETED',
      outcome,
      completedAt: at(60),
      assessment: { score: 70, reasons },
    }) satisfies SessionPatch;

  describe('verification search', () => {
    it('lists only the project and mode asked for, newest first, with the user and PoY code', async () => {
      const project = await tenant();
      const other = await tenant();
      const human = await addHuman(store(), { mode: 'test' });
      const older = await session(project, { createdAt: at(1), patch: { humanId: human.id } });
      const newer = await session(project, { createdAt: at(2) });
      await session(project, { mode: 'live', createdAt: at(3) });
      await session(other, { createdAt: at(4) });
      const found = await store().searchVerifications({ projectId: project.id, mode: 'test', limit: 10 });
      assert.deepEqual(
        found.map((entry) => entry.session.id),
        [newer.id, older.id],
      );
      const olderEntry = found[1];
      assert.equal(olderEntry?.poyCode, human.poyCode);
      assert.equal(olderEntry?.user?.id, older.connectUserId);
      assert.equal(olderEntry?.user?.status, 'PENDING');
      assert.deepEqual(olderEntry?.session, await store().findSessionById(older.id));
      assert.equal(found[0]?.poyCode, null);
    });

    it('a public enrollment session has no user', async () => {
      const project = await tenant();
      const enrollment = await session(project, { mode: 'live', user: false });
      const [entry] = await store().searchVerifications({ projectId: project.id, mode: 'live', limit: 5 });
      assert.equal(entry?.session.id, enrollment.id);
      assert.equal(entry?.user, null);
    });

    it('finds by verification id, user id, reference id or PoY code, exactly', async () => {
      const project = await tenant();
      const human = await addHuman(store(), { mode: 'test' });
      const target = await session(project, { patch: { humanId: human.id } });
      await session(project);
      const user = await store().findConnectUserById(target.connectUserId ?? '');
      assert.ok(user);
      const scope = { projectId: project.id, mode: 'test' as const };
      for (const value of [target.id, user.id, user.referenceUserId]) {
        assert.deepEqual(await ids({ ...scope, text: { value, poyCode: null } }), [target.id], value);
      }
      assert.deepEqual(
        await ids({ ...scope, text: { value: `PoY #${human.poyCode}`, poyCode: human.poyCode } }),
        [target.id],
      );
      assert.deepEqual(
        await ids({ ...scope, text: { value: user.referenceUserId.slice(0, 6), poyCode: null } }),
        [],
      );
      // Another mode's search does not reach this session, even by its own id.
      assert.deepEqual(
        await ids({ projectId: project.id, mode: 'live', text: { value: target.id, poyCode: null } }),
        [],
      );
    });

    it('filters by state', async () => {
      const project = await tenant();
      const pending = await session(project);
      const verified = await session(project, { patch: completed('verified') });
      const failed = await session(project, { patch: completed('failed', ['NO_FACE']) });
      const duplicate = await session(project, { patch: completed('duplicate') });
      const review = await session(project, { patch: completed('review', ['FACE_REVIEW']) });
      const expired = await session(project, {
        patch: { status: 'EXPIRED', outcome: 'expired', completedAt: at(60) },
      });
      const cancelled = await session(project, { patch: { status: 'CANCELLED', completedAt: at(60) } });
      const scope = { projectId: project.id, mode: 'test' as const };
      const expected = { pending, verified, failed, duplicate, review, expired, cancelled };
      for (const [state, row] of Object.entries(expected)) {
        assert.deepEqual(await ids({ ...scope, state: state as keyof typeof expected }), [row.id], state);
      }
    });

    it('filters by assurance level', async () => {
      const project = await tenant();
      const unique = await session(project, { patch: { assuranceLevel: 'unique' } });
      const passkey = await session(project, { patch: { assuranceLevel: 'passkey' } });
      await session(project);
      const scope = { projectId: project.id, mode: 'test' as const };
      assert.deepEqual(await ids({ ...scope, assuranceLevel: 'unique' }), [unique.id]);
      assert.deepEqual(await ids({ ...scope, assuranceLevel: 'passkey' }), [passkey.id]);
      assert.deepEqual(await ids({ ...scope, assuranceLevel: 'none' }), []);
    });

    it('filters by reason code as reads report them', async () => {
      const project = await tenant();
      const failed = await session(project, { patch: completed('failed', ['NO_FACE', 'LIVENESS_FAILED']) });
      // A verified session keeps its scoring reasons, but reads do not report them.
      await session(project, { patch: completed('verified', ['NO_FACE']) });
      const duplicate = await session(project, { patch: completed('duplicate') });
      const held = await session(project, { patch: completed('review', ['VELOCITY']) });
      const expired = await session(project, {
        patch: { status: 'EXPIRED', outcome: 'expired', completedAt: at(60) },
      });
      const scope = { projectId: project.id, mode: 'test' as const };
      assert.deepEqual(await ids({ ...scope, reason: 'NO_FACE' }), [failed.id]);
      assert.deepEqual(await ids({ ...scope, reason: 'DUPLICATE_HUMAN' }), [duplicate.id]);
      assert.deepEqual(await ids({ ...scope, reason: 'VELOCITY' }), [held.id]);
      assert.deepEqual(await ids({ ...scope, reason: 'EXPIRED' }), [expired.id]);
      assert.deepEqual(await ids({ ...scope, reason: "NO_FACE' or 1=1 --" }), []);
    });

    it('filters by creation time: since included, before excluded', async () => {
      const project = await tenant();
      const first = await session(project, { createdAt: at(10) });
      const second = await session(project, { createdAt: at(20) });
      await session(project, { createdAt: at(30) });
      const scope = { projectId: project.id, mode: 'test' as const };
      assert.deepEqual(await ids({ ...scope, createdSince: at(10), createdBefore: at(30) }), [
        second.id,
        first.id,
      ]);
      assert.deepEqual(await ids({ ...scope, createdSince: at(11), createdBefore: at(20) }), []);
    });

    it('pages with a keyset: no row twice, none skipped, ties broken by id', async () => {
      const project = await tenant();
      const made: VerificationSession[] = [];
      for (let index = 0; index < 7; index++) {
        // Pairs share a creation time, so the id must decide their order.
        made.push(await session(project, { createdAt: at(Math.floor(index / 2)) }));
      }
      const expected = [...made]
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
        .map((row) => row.id);
      const seen: string[] = [];
      let after: VerificationSearchQuery['after'];
      for (;;) {
        const page = await store().searchVerifications({
          projectId: project.id,
          mode: 'test',
          limit: 3,
          ...(after ? { after } : {}),
        });
        seen.push(...page.map((entry) => entry.session.id));
        const last = page.at(-1);
        if (page.length < 3 || !last) break;
        after = { createdAt: last.session.createdAt, id: last.session.id };
      }
      assert.deepEqual(seen, expected);
    });

    it('finds one verification only within its project and mode', async () => {
      const project = await tenant();
      const other = await tenant();
      const own = await session(project, { mode: 'live' });
      const found = await store().findProjectVerification({
        projectId: project.id,
        mode: 'live',
        verificationId: own.id,
      });
      assert.equal(found?.session.id, own.id);
      for (const [projectId, mode] of [
        [project.id, 'test'],
        [other.id, 'live'],
      ] as const) {
        assert.equal(
          await store().findProjectVerification({ projectId, mode, verificationId: own.id }),
          null,
        );
      }
      assert.equal(
        await store().findProjectVerification({
          projectId: project.id,
          mode: 'live',
          verificationId: createId('vs'),
        }),
        null,
      );
    });

    it('counts the other sessions of the same project and mode sharing a start digest', async () => {
      const project = await tenant();
      const other = await tenant();
      const ip = randomHashHex();
      const device = randomHashHex();
      const digests = (ipHashHex: string) => ({
        patch: { startIpHashHex: ipHashHex, startPrefixHashHex: randomHashHex(), startDeviceHashHex: device },
      });
      const subject = await session(project, digests(ip));
      await session(project, digests(ip));
      await session(project, { mode: 'live', ...digests(ip) });
      await session(other, digests(ip));
      await session(project, digests(randomHashHex()));
      const count = (digestKind: 'ip' | 'prefix' | 'device', digestHex: string) =>
        store().countProjectSessionsByDigest({
          projectId: project.id,
          mode: 'test',
          digestKind,
          digestHex,
          excludeSessionId: subject.id,
        });
      assert.equal(await count('ip', ip), 1);
      assert.equal(await count('device', device), 2);
      assert.equal(await count('prefix', subject.startPrefixHashHex ?? ''), 0);
    });

    it('keeps the timeline times: passkey, camera step, hold', async () => {
      const project = await tenant();
      const added = await session(project);
      const updated = await store().updateVerificationSession(added.id, {
        passkeyDoneAt: at(5),
        cameraDoneAt: at(9),
        heldAt: at(12),
      });
      assert.deepEqual([updated.passkeyDoneAt, updated.cameraDoneAt, updated.heldAt], [at(5), at(9), at(12)]);
      assert.deepEqual(await store().findSessionById(added.id), updated);
    });
  });
}
