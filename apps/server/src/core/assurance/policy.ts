// The levels a verification can reach, and what a project requires (docs/assurance.md §1–§2).
import type { AssuranceLevel, Project } from '../../store/store.ts';

/** Lowest first: each level includes the evidence of the ones before it. */
export const ASSURANCE_LEVELS: readonly AssuranceLevel[] = ['none', 'passkey', 'liveness', 'unique'];

export function meetsAssurance(reached: AssuranceLevel, required: AssuranceLevel): boolean {
  return ASSURANCE_LEVELS.indexOf(reached) >= ASSURANCE_LEVELS.indexOf(required);
}

export interface AssurancePolicy {
  requiredLevel: Exclude<AssuranceLevel, 'none'>;
}

export function resolveAssurancePolicy(_project: Project): AssurancePolicy {
  return { requiredLevel: 'unique' };
}
