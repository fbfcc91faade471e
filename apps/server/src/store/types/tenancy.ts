// Accounts and their projects, and the two modes every record of a project lives in.

export type Plan = 'free' | 'pro' | 'enterprise';
export const PLANS: readonly Plan[] = ['free', 'pro', 'enterprise'];

/** `live` and `test` data are separate worlds: a key of one mode never sees the other's records. */
export type KeyMode = 'live' | 'test';
export const KEY_MODES: readonly KeyMode[] = ['live', 'test'];

export interface Account {
  id: string;
  name: string;
  createdAt: Date;
}

export interface Project {
  id: string;
  accountId: string;
  name: string;
  /** The public, human-readable id used where no key is sent (the `platform` of public enroll). */
  publicId: string;
  plan: Plan;
  /** Enterprise limits; null means unlimited in that window. Ignored for other plans. */
  rateLimitPerMinute: number | null;
  rateLimitPerDay: number | null;
  trustThreshold: number;
  redirectOrigins: string[];
  webauthnRpId: string | null;
  webauthnRpName: string | null;
  /** Origins allowed to run this project's passkey ceremonies; empty = the deployment's own origin. */
  webauthnOrigins: string[];
  /** How long this project's invites stay usable; null = the deployment's default. */
  inviteTtlSeconds: number | null;
  createdAt: Date;
}

export interface NewAccount {
  id: string;
  name: string;
  createdAt: Date;
}

export interface NewProject {
  id: string;
  accountId: string;
  name: string;
  publicId: string;
  plan: Plan;
  rateLimitPerMinute?: number | null;
  rateLimitPerDay?: number | null;
  trustThreshold?: number;
  redirectOrigins?: string[];
  webauthnRpId?: string | null;
  webauthnRpName?: string | null;
  webauthnOrigins?: string[];
  inviteTtlSeconds?: number | null;
  createdAt: Date;
}

/** Project settings an operator may change after creation. */
export type ProjectSettingsPatch = Partial<Pick<Project, 'inviteTtlSeconds'>>;

export interface TenancyStore {
  insertAccount(account: NewAccount): Promise<Account>;
  findAccountById(id: string): Promise<Account | null>;
  countAccounts(): Promise<number>;

  /** Returns null when the public id is taken. */
  insertProject(project: NewProject): Promise<Project | null>;
  findProjectById(id: string): Promise<Project | null>;
  findProjectByPublicId(publicId: string): Promise<Project | null>;
  listProjectsByAccount(accountId: string): Promise<Project[]>;
  /** Replaces the allowed redirect origins (already normalized); null when there is no such project. */
  setProjectRedirectOrigins(projectId: string, origins: string[]): Promise<Project | null>;
  /** Returns null for an unknown project. */
  updateProjectSettings(id: string, patch: ProjectSettingsPatch): Promise<Project | null>;
}
