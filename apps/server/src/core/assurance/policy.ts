// What a project requires of a verification (docs/assurance.md §1–§2): the levels in order, and the
// effective policy once the project's unset settings fall back to the defaults.
import type { AssuranceLevel, Project, VelocityLimits } from '../../store/store.ts';
import { DEFAULT_VELOCITY_LIMITS } from '../velocity/velocity-limits.ts';

export type { AssuranceLevel } from '../../store/store.ts';

/** Weakest first: each level includes what the ones before it prove. */
export const ASSURANCE_LEVELS: readonly AssuranceLevel[] = ['passkey', 'liveness', 'unique'];

/** What a project that never chose requires: the strongest level. */
export const DEFAULT_REQUIRED_ASSURANCE: AssuranceLevel = 'unique';

export interface AssurancePolicy {
  requiredLevel: AssuranceLevel;
  attestationRequired: boolean;
  /** Lower-case UUIDs. */
  aaguidAllowList: string[];
  velocityLimits: VelocityLimits;
}

export type ProjectPolicySettings = Pick<
  Project,
  'requiredAssurance' | 'attestationRequired' | 'aaguidAllowList' | 'velocityLimits'
>;

export function resolveAssurancePolicy(project: ProjectPolicySettings): AssurancePolicy {
  return {
    requiredLevel: project.requiredAssurance ?? DEFAULT_REQUIRED_ASSURANCE,
    attestationRequired: project.attestationRequired,
    aaguidAllowList: [...project.aaguidAllowList],
    velocityLimits: { ...(project.velocityLimits ?? DEFAULT_VELOCITY_LIMITS) },
  };
}

/** `none` (nothing reached, e.g. a failed passkey step) meets no requirement. */
export function meetsAssurance(reached: AssuranceLevel | 'none', required: AssuranceLevel): boolean {
  if (reached === 'none') return false;
  return ASSURANCE_LEVELS.indexOf(reached) >= ASSURANCE_LEVELS.indexOf(required);
}
