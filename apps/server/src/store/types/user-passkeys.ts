// Passkeys a project registers for its own users (the business's user ids, not PoY humans).
import type { KeyMode } from './tenancy.ts';

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

export interface UserPasskeysStore {
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
}
