import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Project } from '../../store/store.ts';
import { rateLimitWindowsForProject } from './plan-limits.ts';

function project(overrides: Partial<Project>): Project {
  return {
    id: 'proj_x',
    accountId: 'acct_x',
    name: 'x',
    publicId: 'x-project',
    plan: 'free',
    rateLimitPerMinute: null,
    rateLimitPerDay: null,
    trustThreshold: 50,
    redirectOrigins: [],
    webauthnRpId: null,
    webauthnRpName: null,
    webauthnOrigins: [],
    inviteTtlSeconds: null,
    requiredAssurance: null,
    attestationRequired: false,
    aaguidAllowList: [],
    velocityLimits: null,
    brandName: null,
    brandColor: null,
    brandLogoUrl: null,
    createdAt: new Date(0),
    ...overrides,
  };
}

describe('rate limit windows by plan', () => {
  it('free: 60/minute and 1,000/day', () => {
    assert.deepEqual(rateLimitWindowsForProject(project({ plan: 'free' })), [
      { limit: 60, windowSeconds: 60 },
      { limit: 1000, windowSeconds: 86_400 },
    ]);
  });

  it('pro: 300/minute and 50,000/day, ignoring per-project numbers', () => {
    assert.deepEqual(rateLimitWindowsForProject(project({ plan: 'pro', rateLimitPerMinute: 5 })), [
      { limit: 300, windowSeconds: 60 },
      { limit: 50_000, windowSeconds: 86_400 },
    ]);
  });

  it('enterprise: only what the project sets; none by default', () => {
    assert.deepEqual(rateLimitWindowsForProject(project({ plan: 'enterprise' })), []);
    assert.deepEqual(rateLimitWindowsForProject(project({ plan: 'enterprise', rateLimitPerMinute: 1000 })), [
      { limit: 1000, windowSeconds: 60 },
    ]);
    assert.deepEqual(
      rateLimitWindowsForProject(
        project({ plan: 'enterprise', rateLimitPerMinute: 10, rateLimitPerDay: 20 }),
      ),
      [
        { limit: 10, windowSeconds: 60 },
        { limit: 20, windowSeconds: 86_400 },
      ],
    );
  });
});
