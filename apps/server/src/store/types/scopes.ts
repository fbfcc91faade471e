// Uniqueness places: one per human per scope, so a person verifies once where the scope says once.
import type { KeyMode } from './tenancy.ts';

export interface ScopeMembership {
  projectId: string;
  mode: KeyMode;
  scope: string;
  humanId: string;
  connectUserId: string | null;
  uniqueHumanId: string;
  createdAt: Date;
}

export interface ScopesStore {
  findScopeMembership(input: {
    projectId: string;
    mode: KeyMode;
    scope: string;
    humanId: string;
  }): Promise<ScopeMembership | null>;
  /** Returns false when the human already holds a place in that scope. */
  insertScopeMembership(membership: ScopeMembership): Promise<boolean>;
}
