// The one storage interface. It is shaped by what the domain does (insert a key, find it by hash,
// consume a challenge), not by tables: callers never build queries. Every implementation must pass
// test/store-suite.ts, which runs against PGlite and PostgreSQL alike.

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
  createdAt: Date;
}

export interface ApiKey {
  id: string;
  projectId: string;
  mode: KeyMode;
  name: string;
  /** The first characters of the key, enough to recognise it in a list; never enough to use it. */
  displayPrefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface ApiKeyWithProject {
  apiKey: ApiKey;
  project: Project;
}

export interface Challenge {
  id: string;
  projectId: string | null;
  purpose: string;
  payload: unknown;
  expiresAt: Date;
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
  createdAt: Date;
}

export interface NewApiKey {
  id: string;
  projectId: string;
  mode: KeyMode;
  name: string;
  keyHashHex: string;
  displayPrefix: string;
  createdAt: Date;
}

export interface NewChallenge {
  id: string;
  projectId: string | null;
  purpose: string;
  tokenHashHex: string;
  payload: unknown;
  expiresAt: Date;
  createdAt: Date;
}

export type HumanStatus = 'pending' | 'verified';

export interface TrustFactors {
  liveness: number;
  device: number;
  behavioral: number;
  credential: number;
}

export interface Human {
  id: string;
  mode: KeyMode;
  /** 7 upper-case hex characters; the public id is `PoY #<code>`. */
  poyCode: string;
  status: HumanStatus;
  trustScore: number;
  trustCeiling: number;
  factors: TrustFactors | null;
  successfulVerifications: number;
  verifiedAt: Date | null;
  /** The checks of the last verification (pass/fail per factor). */
  checks: HumanChecks | null;
  /** Keyed hash of a public enrollee's e-mail; personal data, erased with the human. */
  emailHash: string | null;
  displayName: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface HumanChecks {
  liveness: 'pass' | 'fail';
  device: 'pass' | 'fail';
  behavioral: 'pass' | 'fail';
}

export interface HumanPasskey {
  credentialId: string;
  humanId: string;
  publicKeyBase64Url: string;
  signCount: number;
  transports: string[];
  deviceType: 'singleDevice' | 'multiDevice';
  backedUp: boolean;
  aaguid: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export type DataRequestType = 'GET_HUMANNESS_SCORE_AND_UNIQUE_HUMAN_ID' | 'IS_PHONE_NUMBER_VERIFIED';
export type ConnectUserStatus = 'PENDING' | 'VERIFIED' | 'UNFULFILLABLE' | 'REVOKED' | 'EXPIRED';
export type UnfulfillableReason = 'DUPLICATE_HUMAN' | 'FAILED_CHECKS' | 'EXPIRED';

export interface ConnectUser {
  id: string;
  projectId: string;
  mode: KeyMode;
  referenceUserId: string;
  dataRequestType: DataRequestType;
  uniquenessRegionId: string | null;
  redirectUrl: string | null;
  status: ConnectUserStatus;
  unfulfillableReason: UnfulfillableReason | null;
  humanId: string | null;
  humannessScore: number | null;
  uniqueHumanId: string | null;
  verifiedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type SessionPurpose = 'connect' | 'enrollment' | 'poy_user';
export type SessionStatus = 'PENDING' | 'COMPLETED' | 'EXPIRED' | 'CANCELLED';
export type SessionOutcome = 'verified' | 'failed' | 'duplicate' | 'expired';

export interface VerificationSession {
  id: string;
  projectId: string;
  mode: KeyMode;
  purpose: SessionPurpose;
  connectUserId: string | null;
  status: SessionStatus;
  outcome: SessionOutcome | null;
  humanId: string | null;
  flowTokenHashHex: string | null;
  /** What the passkey step observed, kept for scoring at completion. */
  passkeySignals: unknown;
  userAgentHashHex: string | null;
  startedAt: Date | null;
  assessment: unknown;
  expiresAt: Date;
  completedAt: Date | null;
  createdAt: Date;
}

export interface ScopeMembership {
  projectId: string;
  mode: KeyMode;
  scope: string;
  humanId: string;
  connectUserId: string | null;
  uniqueHumanId: string;
  createdAt: Date;
}

export interface OutboxEvent {
  id: string;
  projectId: string;
  mode: KeyMode;
  surface: 'connect' | 'poy';
  eventType: string;
  body: unknown;
  /** The body exactly as stored and delivered. */
  bodyJson: string;
  createdAt: Date;
}

export interface NewVerificationSession {
  id: string;
  projectId: string;
  mode: KeyMode;
  purpose: SessionPurpose;
  connectUserId: string | null;
  inviteCodeHashHex: string;
  shortCodeHashHex: string;
  expiresAt: Date;
  createdAt: Date;
}

export type NewConnectUser = Omit<
  ConnectUser,
  'status' | 'unfulfillableReason' | 'humanId' | 'humannessScore' | 'uniqueHumanId' | 'verifiedAt'
>;

export type ConnectUserPatch = Partial<
  Pick<
    ConnectUser,
    | 'status'
    | 'unfulfillableReason'
    | 'humanId'
    | 'humannessScore'
    | 'uniqueHumanId'
    | 'verifiedAt'
    | 'redirectUrl'
    | 'dataRequestType'
    | 'uniquenessRegionId'
  >
> & { updatedAt: Date };

export type SessionPatch = Partial<
  Pick<
    VerificationSession,
    | 'status'
    | 'outcome'
    | 'humanId'
    | 'flowTokenHashHex'
    | 'passkeySignals'
    | 'userAgentHashHex'
    | 'startedAt'
    | 'assessment'
    | 'completedAt'
  >
>;

export type HumanPatch = Partial<
  Pick<
    Human,
    | 'status'
    | 'trustScore'
    | 'trustCeiling'
    | 'factors'
    | 'successfulVerifications'
    | 'verifiedAt'
    | 'checks'
    | 'emailHash'
    | 'displayName'
  >
> & { updatedAt: Date };

export interface UserPasskey {
  credentialId: string;
  projectId: string;
  mode: KeyMode;
  /** The business's own id for its user. */
  userId: string;
  publicKeyBase64Url: string;
  signCount: number;
  transports: string[];
  deviceType: 'singleDevice' | 'multiDevice';
  backedUp: boolean;
  userVerified: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export type SigningKeyPurpose = 'stamp' | 'session';

export interface SigningKey {
  kid: string;
  purpose: SigningKeyPurpose;
  /** The public key as a JWK (EC P-256), as published at /.well-known/jwks.json. */
  publicJwk: unknown;
  /** The PKCS#8 private key, encrypted (see core/signing). */
  privateKeyEncrypted: string;
  createdAt: Date;
  retiredAt: Date | null;
}

export interface Stamp {
  id: string;
  projectId: string;
  mode: KeyMode;
  userId: string;
  humanId: string | null;
  /** `PoY #…` of the creator at the time of stamping (part of the signed bytes). */
  createdBy: string;
  contentHash: string;
  contentType: string;
  title: string | null;
  url: string | null;
  kid: string;
  signature: string;
  createdAt: Date;
}

export interface ConnectUserKey {
  projectId: string;
  mode: KeyMode;
  /** Exactly one of the two. */
  referenceUserId?: string;
  userId?: string;
}

export type WebhookSurface = 'connect' | 'poy';

export interface WebhookEndpoint {
  id: string;
  projectId: string;
  mode: KeyMode;
  surface: WebhookSurface;
  url: string;
  /** POY: subscribed event types, empty = all. Connect: the one event type. */
  eventTypes: string[];
  enabled: boolean;
  disabledReason: 'manual' | 'failing' | null;
  secretEncrypted: string | null;
  previousSecretEncrypted: string | null;
  previousSecretExpiresAt: Date | null;
  failingSince: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type WebhookEndpointPatch = Partial<
  Pick<
    WebhookEndpoint,
    | 'url'
    | 'eventTypes'
    | 'enabled'
    | 'disabledReason'
    | 'secretEncrypted'
    | 'previousSecretEncrypted'
    | 'previousSecretExpiresAt'
    | 'failingSince'
  >
> & { updatedAt: Date };

export interface ConnectWebhookSecret {
  projectId: string;
  mode: KeyMode;
  secretEncrypted: string;
  previousSecretEncrypted: string | null;
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
  rotatedAt: Date | null;
}

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface WebhookDelivery {
  /** The `webhook-id`: the same across retries and replays. */
  id: string;
  eventId: string;
  endpointId: string;
  projectId: string;
  mode: KeyMode;
  status: DeliveryStatus;
  attemptCount: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  completedAt: Date | null;
  createdAt: Date;
}

export interface WebhookAttempt {
  id: string;
  deliveryId: string;
  attemptNumber: number;
  attemptedAt: Date;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  responseExcerpt: string | null;
}

/** A claimed delivery with what sending it needs. */
export interface ClaimedDelivery {
  delivery: WebhookDelivery;
  event: OutboxEvent;
  endpoint: WebhookEndpoint;
  connectSecret: ConnectWebhookSecret | null;
}

export type AttemptOutcome =
  | { kind: 'succeeded' }
  | { kind: 'retry'; nextAttemptAt: Date }
  | { kind: 'failed' };

export interface IdempotencyRecord {
  requestHash: string;
  status: 'in_progress' | 'completed';
  responseStatus: number | null;
  responseBody: string | null;
  responseContentType: string | null;
}

export type IdempotencyBegin =
  | { kind: 'started' }
  | { kind: 'replay'; record: IdempotencyRecord }
  | { kind: 'in_progress' }
  | { kind: 'mismatch' };

/**
 * Broadcast to every process sharing the database when cached state goes stale. Sent with
 * NOTIFY inside the same transaction as the change, so it is delivered if and only if it commits.
 * `all` is raised locally when the listening connection was lost and notifications may be missed.
 */
export type Invalidation =
  | { kind: 'api_key'; keyId: string; keyHashHex: string }
  | { kind: 'project'; projectId: string }
  | { kind: 'verification_session'; sessionId: string }
  | { kind: 'project_user'; projectId: string; mode: KeyMode; referenceUserId: string }
  | { kind: 'human'; humanId: string }
  | { kind: 'signing_keys' }
  /** New webhook deliveries are due: workers wake up instead of waiting for their next poll. */
  | { kind: 'webhooks_due' }
  | { kind: 'all' };

/** Everything a store does, on the database or inside one transaction. */
export interface StoreOperations {
  insertAccount(account: NewAccount): Promise<Account>;
  findAccountById(id: string): Promise<Account | null>;
  countAccounts(): Promise<number>;

  /** Returns null when the public id is taken. */
  insertProject(project: NewProject): Promise<Project | null>;
  findProjectById(id: string): Promise<Project | null>;
  findProjectByPublicId(publicId: string): Promise<Project | null>;
  listProjectsByAccount(accountId: string): Promise<Project[]>;

  insertApiKey(apiKey: NewApiKey): Promise<ApiKey>;
  /** Finds a key (revoked or not) and its project by the SHA-256 hex of the full key. */
  findApiKeyByHash(keyHashHex: string): Promise<ApiKeyWithProject | null>;
  findApiKeyById(id: string): Promise<ApiKey | null>;
  listApiKeysByProject(projectId: string, mode?: KeyMode): Promise<ApiKey[]>;
  /**
   * Revokes a key if it belongs to `projectId` (any project when null) and is not yet revoked.
   * Returns the key as revoked, or null when there was nothing to revoke. Broadcasts an invalidation.
   */
  revokeApiKey(input: { keyId: string; projectId: string | null; revokedAt: Date }): Promise<ApiKey | null>;
  /** Write-behind of last use; only ever moves the time forward. */
  touchApiKeys(uses: ReadonlyArray<{ keyId: string; lastUsedAt: Date }>): Promise<void>;

  insertChallenge(challenge: NewChallenge): Promise<Challenge>;
  /**
   * Atomically removes and returns the challenge with this purpose and token hash. Only one of any
   * number of concurrent callers gets it; an expired challenge is removed and null is returned.
   */
  consumeChallenge(input: { purpose: string; tokenHashHex: string; now: Date }): Promise<Challenge | null>;
  deleteExpiredChallenges(now: Date): Promise<number>;

  /** Returns null when the PoY code is taken (the caller draws another). */
  insertHuman(
    human: Omit<Human, 'factors' | 'verifiedAt' | 'checks' | 'emailHash' | 'displayName'> &
      Partial<Pick<Human, 'factors' | 'verifiedAt' | 'checks' | 'emailHash' | 'displayName'>>,
  ): Promise<Human | null>;
  findHumanById(id: string): Promise<Human | null>;
  findHumanByPoyCode(poyCode: string): Promise<Human | null>;
  findHumanByEmailHash(mode: KeyMode, emailHash: string): Promise<Human | null>;
  /** Deletes a human with its passkeys and uniqueness places; links and stamps keep a null human. */
  deleteHuman(id: string): Promise<boolean>;
  listConnectUsersByHuman(humanId: string): Promise<ConnectUser[]>;
  /** Updates a human and announces it (cached answers about them are dropped everywhere). */
  updateHuman(id: string, patch: HumanPatch): Promise<Human>;
  insertHumanPasskey(passkey: HumanPasskey): Promise<HumanPasskey>;
  findHumanPasskey(credentialId: string): Promise<HumanPasskey | null>;
  countHumanPasskeys(humanId: string): Promise<number>;
  recordHumanPasskeyUse(input: {
    credentialId: string;
    signCount: number;
    backedUp: boolean;
    usedAt: Date;
  }): Promise<void>;

  /** Returns null when (project, mode, reference_user_id) already exists. */
  insertConnectUser(user: NewConnectUser): Promise<ConnectUser | null>;
  /** With `forUpdate`, locks the row until the surrounding transaction ends. */
  findConnectUser(key: ConnectUserKey, options?: { forUpdate?: boolean }): Promise<ConnectUser | null>;
  findConnectUserById(id: string): Promise<ConnectUser | null>;
  updateConnectUser(id: string, patch: ConnectUserPatch): Promise<ConnectUser>;
  deleteConnectUser(id: string): Promise<boolean>;

  /** Returns null when a code hash collides (the caller draws another session id). */
  insertVerificationSession(session: NewVerificationSession): Promise<VerificationSession | null>;
  findSessionByInviteHash(
    inviteCodeHashHex: string,
    options?: { forUpdate?: boolean },
  ): Promise<VerificationSession | null>;
  findSessionByShortCodeHash(shortCodeHashHex: string): Promise<VerificationSession | null>;
  findSessionById(id: string, options?: { forUpdate?: boolean }): Promise<VerificationSession | null>;
  findLatestSessionForConnectUser(connectUserId: string): Promise<VerificationSession | null>;
  /** Updates a session and announces the change to every process (live progress pages). */
  updateVerificationSession(id: string, patch: SessionPatch): Promise<VerificationSession>;
  listExpiredPendingSessions(now: Date, limit: number): Promise<VerificationSession[]>;

  findScopeMembership(input: {
    projectId: string;
    mode: KeyMode;
    scope: string;
    humanId: string;
  }): Promise<ScopeMembership | null>;
  /** Returns false when the human already holds a place in that scope. */
  insertScopeMembership(membership: ScopeMembership): Promise<boolean>;

  insertUserPasskey(passkey: UserPasskey): Promise<UserPasskey | null>;
  /** With `forUpdate`, locks the row so concurrent sign-ins check the counter one at a time. */
  findUserPasskey(
    projectId: string,
    credentialId: string,
    options?: { forUpdate?: boolean },
  ): Promise<UserPasskey | null>;
  listUserPasskeys(input: { projectId: string; mode: KeyMode; userId: string }): Promise<UserPasskey[]>;
  recordUserPasskeyUse(input: {
    projectId: string;
    credentialId: string;
    signCount: number;
    backedUp: boolean;
    usedAt: Date;
  }): Promise<void>;

  /** Inserts a key and announces the change so every process reloads its keys. */
  insertSigningKey(key: SigningKey): Promise<SigningKey>;
  /** Every key, retired or not, oldest first. */
  listSigningKeys(): Promise<SigningKey[]>;
  /** Retires the active keys of a purpose (they keep verifying); announces the change. */
  retireSigningKeys(purpose: SigningKeyPurpose, retiredAt: Date): Promise<number>;

  insertStamp(stamp: Stamp): Promise<Stamp>;
  findStamp(id: string): Promise<Stamp | null>;

  insertWebhookEndpoint(endpoint: WebhookEndpoint): Promise<WebhookEndpoint | null>;
  findWebhookEndpoint(input: {
    projectId: string;
    mode: KeyMode;
    id: string;
  }): Promise<WebhookEndpoint | null>;
  findConnectWebhookEndpoint(input: {
    projectId: string;
    mode: KeyMode;
    eventType: string;
  }): Promise<WebhookEndpoint | null>;
  listWebhookEndpoints(input: {
    projectId: string;
    mode: KeyMode;
    surface: WebhookSurface;
  }): Promise<WebhookEndpoint[]>;
  updateWebhookEndpoint(id: string, patch: WebhookEndpointPatch): Promise<WebhookEndpoint>;
  deleteWebhookEndpoint(id: string): Promise<boolean>;
  findConnectWebhookSecret(projectId: string, mode: KeyMode): Promise<ConnectWebhookSecret | null>;
  upsertConnectWebhookSecret(secret: ConnectWebhookSecret): Promise<ConnectWebhookSecret>;
  /** Creates the project's first Connect secret; null when one exists already (someone else won). */
  insertConnectWebhookSecret(secret: ConnectWebhookSecret): Promise<ConnectWebhookSecret | null>;

  insertWebhookDeliveries(
    deliveries: ReadonlyArray<Omit<WebhookDelivery, 'attemptCount' | 'lastAttemptAt' | 'completedAt'>>,
  ): Promise<void>;
  /**
   * Claims up to `limit` due deliveries (FOR UPDATE SKIP LOCKED: concurrent workers never claim the
   * same one), counts the attempt and leases them until `leaseUntil`.
   */
  claimDueDeliveries(input: { now: Date; limit: number; leaseUntil: Date }): Promise<ClaimedDelivery[]>;
  /**
   * Records an attempt and settles or reschedules its delivery, but only if that attempt still holds
   * it (pending, and its latest attempt): a late result of a superseded attempt is logged, not applied.
   */
  recordDeliveryAttempt(input: {
    attempt: WebhookAttempt;
    outcome: AttemptOutcome;
  }): Promise<WebhookDelivery>;
  findDelivery(input: { projectId: string; mode: KeyMode; id: string }): Promise<WebhookDelivery | null>;
  listDeliveries(input: { endpointId: string; limit: number; before?: string }): Promise<WebhookDelivery[]>;
  listAttempts(deliveryIds: readonly string[]): Promise<WebhookAttempt[]>;
  /** Makes a delivery due again now (replay); keeps its id; wakes the workers. */
  requeueDelivery(id: string, now: Date): Promise<WebhookDelivery>;
  findOutboxEvent(id: string): Promise<OutboxEvent | null>;

  /**
   * Claims an idempotency key for a request: started (go ahead), replay (the stored response),
   * in_progress (another request holds it), or mismatch (the key was used for another request).
   * Expired rows, and in-progress rows started before `takeOverBefore`, are taken over.
   */
  beginIdempotentRequest(input: {
    projectId: string;
    mode: KeyMode;
    key: string;
    requestHash: string;
    now: Date;
    expiresAt: Date;
    takeOverBefore: Date;
  }): Promise<IdempotencyBegin>;
  completeIdempotentRequest(input: {
    projectId: string;
    mode: KeyMode;
    key: string;
    responseStatus: number;
    responseBody: string;
    responseContentType: string;
  }): Promise<void>;
  abandonIdempotentRequest(input: { projectId: string; mode: KeyMode; key: string }): Promise<void>;
  deleteExpiredIdempotencyKeys(now: Date): Promise<number>;

  insertOutboxEvent(event: Omit<OutboxEvent, 'bodyJson'>): Promise<void>;
  /** In the order they were written. */
  listOutboxEvents(input: { projectId: string; mode?: KeyMode; limit?: number }): Promise<OutboxEvent[]>;
}

export interface Store extends StoreOperations {
  readonly kind: 'pglite' | 'postgres';
  ping(): Promise<void>;
  close(): Promise<void>;
  /**
   * Runs `fn` in one transaction: everything it writes through `tx` commits or rolls back together.
   * Never do network I/O inside (PGlite serializes every query behind an open transaction).
   */
  transaction<T>(fn: (tx: StoreOperations) => Promise<T>): Promise<T>;
  /** Subscribes to invalidations from every process on this database; returns the unsubscribe. */
  onInvalidation(handler: (invalidation: Invalidation) => void): () => void;
}
