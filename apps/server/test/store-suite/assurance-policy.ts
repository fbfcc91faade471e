// The columns of migration 0010 that hold a project's assurance policy (docs/assurance.md §2).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createId } from '../../src/core/ids.ts';
import type { VelocityLimits } from '../../src/store/store.ts';
import { createTenant } from './fixtures.ts';
import { recordInvalidations } from './invalidations.ts';
import type { SuiteContext } from './suite-context.ts';

const LIMITS: VelocityLimits = {
  newHumansPerIpPerHour: 7,
  newHumansPerPrefixPerHour: 25,
  newHumansPerDevicePerDay: 2,
  startsPerIpPerHour: 40,
  startsPerDevicePerHour: 12,
  velocityAction: 'fail',
};
const AAGUIDS = ['fbfc3007-154e-4ecc-8c0b-6e020557d7bd', 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4'];

export function describeAssurancePolicy({ store }: SuiteContext): void {
  describe('project assurance policy', () => {
    it('a new project has no policy of its own: default level, no attestation, no list, default limits', async () => {
      const { project } = await createTenant(store());
      assert.equal(project.requiredAssurance, null);
      assert.equal(project.attestationRequired, false);
      assert.deepEqual(project.aaguidAllowList, []);
      assert.equal(project.velocityLimits, null);
    });

    it('creates a project with a policy and reads every field back', async () => {
      const { project } = await createTenant(store(), {
        requiredAssurance: 'liveness',
        attestationRequired: true,
        aaguidAllowList: AAGUIDS,
        velocityLimits: LIMITS,
      });
      const found = await store().findProjectById(project.id);
      assert.equal(found?.requiredAssurance, 'liveness');
      assert.equal(found?.attestationRequired, true);
      assert.deepEqual(found?.aaguidAllowList, AAGUIDS);
      assert.deepEqual(found?.velocityLimits, LIMITS);
      assert.deepEqual(await store().findProjectByPublicId(project.publicId), found);
    });

    it('updates each field alone, leaves the others, clears back to defaults, and announces', async () => {
      const { project } = await createTenant(store(), { inviteTtlSeconds: 600 });
      const recorder = recordInvalidations(store());
      try {
        const leveled = await store().updateProjectSettings(project.id, { requiredAssurance: 'passkey' });
        assert.deepEqual(leveled, { ...project, requiredAssurance: 'passkey' });
        await recorder.waitFor(
          (invalidation) => invalidation.kind === 'project' && invalidation.projectId === project.id,
        );
        const listed = await store().updateProjectSettings(project.id, { aaguidAllowList: AAGUIDS });
        assert.deepEqual(listed?.aaguidAllowList, AAGUIDS);
        const attested = await store().updateProjectSettings(project.id, { attestationRequired: true });
        assert.equal(attested?.attestationRequired, true);
        const limited = await store().updateProjectSettings(project.id, { velocityLimits: LIMITS });
        assert.deepEqual(limited, {
          ...project,
          requiredAssurance: 'passkey',
          attestationRequired: true,
          aaguidAllowList: AAGUIDS,
          velocityLimits: LIMITS,
        });
        assert.deepEqual(await store().findProjectById(project.id), limited);

        const cleared = await store().updateProjectSettings(project.id, {
          requiredAssurance: null,
          attestationRequired: false,
          aaguidAllowList: [],
          velocityLimits: null,
        });
        assert.deepEqual(cleared, project, 'back to the defaults; the invite lifetime was never touched');
      } finally {
        recorder.unsubscribe();
      }
    });

    it('finds no unknown project to update', async () => {
      assert.equal(
        await store().updateProjectSettings(createId('proj'), { attestationRequired: true }),
        null,
      );
      assert.equal(await store().updateProjectSettings(createId('proj'), {}), null);
    });
  });
}
