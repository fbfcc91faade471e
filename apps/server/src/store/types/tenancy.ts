// Accounts and their projects, and the two modes every record of a project lives in.

export type Plan = 'free' | 'pro' | 'enterprise';
export const PLANS: readonly Plan[] = ['free', 'pro', 'enterprise'];

/** `live` and `test` data are separate worlds: a key of one mode never sees the other's records. */
export type KeyMode = 'live' | 'test';
export const KEY_MODES: readonly KeyMode[] = ['live', 'test'];

/** Assurance levels a project may require, weakest first (docs/assurance.md §1). */
export type AssuranceLevel = 'passkey' | 'liveness' | 'unique';

/**
 * Limits on how fast new identities appear from one network or device (docs/assurance.md §5). Each
 * is a maximum count in its window; `velocityAction` is what happens when one is exceeded.
 */
export interface VelocityLimits {
  newHumansPerIpPerHour: number;
  newHumansPerPrefixPerHour: number;
  newHumansPerDevicePerDay: number;
  startsPerIpPerHour: number;
  startsPerDevicePerHour: number;
  velocityAction: 'review' | 'fail';
}

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
  /** The assurance level a verification must reach; null = the default (`unique`). */
  requiredAssurance: AssuranceLevel | null;
  /** When true, a new passkey must come with an attestation from an authenticator in the allow-list. */
  attestationRequired: boolean;
  /** Authenticator models (AAGUIDs, lower-case UUIDs) accepted when attestation is required. */
  aaguidAllowList: string[];
  /** null = the defaults of docs/assurance.md §5. */
  velocityLimits: VelocityLimits | null;
  /** The name the hosted pages show; null = the project's name. */
  brandName: string | null;
  /** The hosted pages' accent colour, `#rrggbb` in lower case; null = POY's own. */
  brandColor: string | null;
  /** An https URL of the logo the hosted pages show; null = none. */
  brandLogoUrl: string | null;
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
  requiredAssurance?: AssuranceLevel | null;
  attestationRequired?: boolean;
  aaguidAllowList?: string[];
  velocityLimits?: VelocityLimits | null;
  brandName?: string | null;
  brandColor?: string | null;
  brandLogoUrl?: string | null;
  createdAt: Date;
}

/** Project settings an operator may change after creation (checked by core before they get here). */
export type ProjectSettingsPatch = Partial<
  Pick<
    Project,
    | 'name'
    | 'plan'
    | 'trustThreshold'
    | 'redirectOrigins'
    | 'webauthnRpId'
    | 'webauthnRpName'
    | 'webauthnOrigins'
    | 'inviteTtlSeconds'
    | 'requiredAssurance'
    | 'attestationRequired'
    | 'aaguidAllowList'
    | 'velocityLimits'
    | 'brandName'
    | 'brandColor'
    | 'brandLogoUrl'
  >
>;

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
  /** Returns null for an unknown project. A real change is announced (cached projects are dropped). */
  updateProjectSettings(id: string, patch: ProjectSettingsPatch): Promise<Project | null>;
}
