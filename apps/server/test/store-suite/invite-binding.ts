// The columns of migration 0006: the device an invite's flow is bound to (a digest only) and a
// project's own invite lifetime.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createId } from '../../src/core/ids.ts';
import { createTenant, randomHashHex } from './fixtures.ts';
import type { SuiteContext } from './suite-context.ts';
import { addSession } from './verification-fixtures.ts';

export function describeInviteBinding({ store }: SuiteContext): void {
  describe('invite binding and invite lifetime', () => {
    it('a new session is bound to no device; binding stores the digest and clearing it works', async () => {
      const { project } = await createTenant(store());
      const session = await addSession(store(), project.id);
      assert.equal(session.deviceSecretHashHex, null);
      const digest = randomHashHex();
      const bound = await store().updateVerificationSession(session.id, { deviceSecretHashHex: digest });
      assert.equal(bound.deviceSecretHashHex, digest);
      assert.equal((await store().findSessionById(session.id))?.deviceSecretHashHex, digest);
      // Other patches leave the binding alone.
      const started = await store().updateVerificationSession(session.id, { startedAt: new Date() });
      assert.equal(started.deviceSecretHashHex, digest);
      const cleared = await store().updateVerificationSession(session.id, { deviceSecretHashHex: null });
      assert.equal(cleared.deviceSecretHashHex, null);
    });

    it('a project has no invite lifetime of its own until one is set; null goes back to the default', async () => {
      const { project } = await createTenant(store());
      assert.equal(project.inviteTtlSeconds, null);
      const set = await store().updateProjectSettings(project.id, { inviteTtlSeconds: 3600 });
      assert.deepEqual(set, { ...project, inviteTtlSeconds: 3600 });
      assert.equal((await store().findProjectById(project.id))?.inviteTtlSeconds, 3600);
      assert.deepEqual(await store().updateProjectSettings(project.id, {}), set);
      const cleared = await store().updateProjectSettings(project.id, { inviteTtlSeconds: null });
      assert.equal(cleared?.inviteTtlSeconds, null);
    });

    it('creates a project with a lifetime, refuses one out of bounds, and finds no unknown project', async () => {
      const { project } = await createTenant(store(), { inviteTtlSeconds: 300 });
      assert.equal(project.inviteTtlSeconds, 300);
      for (const outOfBounds of [299, 2_592_001]) {
        await assert.rejects(store().updateProjectSettings(project.id, { inviteTtlSeconds: outOfBounds }));
      }
      assert.equal((await store().findProjectById(project.id))?.inviteTtlSeconds, 300);
      assert.equal(await store().updateProjectSettings(createId('proj'), { inviteTtlSeconds: 600 }), null);
    });
  });
}
