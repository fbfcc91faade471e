// PoY humans (one per person and mode) and the passkeys they verify with.
import type { KeyMode } from './tenancy.ts';

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
  /**
   * The WebAuthn user handle the authenticator holds: the id of the human the passkey was made for,
   * which stays when the passkey moves to the human its face belongs to. Null for older passkeys.
   */
  userHandle: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** A human as inserted: what a first verification has not produced yet may be left out. */
export type NewHuman = Omit<Human, 'factors' | 'verifiedAt' | 'checks' | 'emailHash' | 'displayName'> &
  Partial<Pick<Human, 'factors' | 'verifiedAt' | 'checks' | 'emailHash' | 'displayName'>>;

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

export interface HumansStore {
  /** Returns null when the PoY code is taken (the caller draws another). */
  insertHuman(human: NewHuman): Promise<Human | null>;
  findHumanById(id: string): Promise<Human | null>;
  /**
   * The human behind a project's user whose status is VERIFIED, in one statement (what a stamp checks
   * first); null when there is no such user or it is not VERIFIED.
   */
  findHumanOfVerifiedUser(key: {
    projectId: string;
    mode: KeyMode;
    referenceUserId: string;
  }): Promise<Human | null>;
  findHumanByPoyCode(poyCode: string): Promise<Human | null>;
  findHumanByEmailHash(mode: KeyMode, emailHash: string): Promise<Human | null>;
  /** Deletes a human with its passkeys and uniqueness places; links and stamps keep a null human. */
  deleteHuman(id: string): Promise<boolean>;
  /** Updates a human and announces it (cached answers about them are dropped everywhere). */
  updateHuman(id: string, patch: HumanPatch): Promise<Human>;

  insertHumanPasskey(passkey: HumanPasskey): Promise<HumanPasskey>;
  findHumanPasskey(credentialId: string): Promise<HumanPasskey | null>;
  countHumanPasskeys(humanId: string): Promise<number>;
  /** A returning face on a new passkey: the passkeys go to the human the face belongs to. Returns how many moved. */
  moveHumanPasskeys(fromHumanId: string, toHumanId: string): Promise<number>;
  recordHumanPasskeyUse(input: {
    credentialId: string;
    signCount: number;
    backedUp: boolean;
    usedAt: Date;
  }): Promise<void>;
}
