import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_VELOCITY_LIMITS } from '../velocity/velocity-limits.ts';
import { ASSURANCE_LEVELS, meetsAssurance, resolveAssurancePolicy } from './policy.ts';

const UNSET = {
  requiredAssurance: null,
  attestationRequired: false,
  aaguidAllowList: [],
  velocityLimits: null,
};

describe('assurance policy', () => {
  it('orders the levels weakest first', () => {
    assert.deepEqual(ASSURANCE_LEVELS, ['passkey', 'liveness', 'unique']);
  });

  it('a level meets itself and every weaker one, never a stronger one; none meets nothing', () => {
    for (const [reachedIndex, reached] of ASSURANCE_LEVELS.entries()) {
      for (const [requiredIndex, required] of ASSURANCE_LEVELS.entries()) {
        assert.equal(
          meetsAssurance(reached, required),
          reachedIndex >= requiredIndex,
          `${reached} vs ${required}`,
        );
      }
      assert.equal(meetsAssurance('none', reached), false);
    }
  });

  it('an unset project requires unique, no attestation, and gets the default velocity limits', () => {
    assert.deepEqual(resolveAssurancePolicy(UNSET), {
      requiredLevel: 'unique',
      attestationRequired: false,
      aaguidAllowList: [],
      velocityLimits: DEFAULT_VELOCITY_LIMITS,
    });
  });

  it("a project's own settings win over the defaults, and the result is a copy", () => {
    const limits = { ...DEFAULT_VELOCITY_LIMITS, startsPerIpPerHour: 99, velocityAction: 'fail' as const };
    const project = {
      requiredAssurance: 'passkey' as const,
      attestationRequired: true,
      aaguidAllowList: ['fbfc3007-154e-4ecc-8c0b-6e020557d7bd'],
      velocityLimits: limits,
    };
    const policy = resolveAssurancePolicy(project);
    assert.deepEqual(policy, {
      requiredLevel: 'passkey',
      attestationRequired: true,
      aaguidAllowList: ['fbfc3007-154e-4ecc-8c0b-6e020557d7bd'],
      velocityLimits: limits,
    });
    policy.aaguidAllowList.push('x');
    policy.velocityLimits.startsPerIpPerHour = 1;
    assert.equal(project.aaguidAllowList.length, 1);
    assert.equal(limits.startsPerIpPerHour, 99);
    assert.equal(resolveAssurancePolicy(UNSET).velocityLimits.startsPerIpPerHour, 30, 'defaults untouched');
  });
});
