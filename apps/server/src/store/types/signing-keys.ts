// The deployment's ES256 signing keys (stamps, sessions, redirect results); private halves only ever stored encrypted.

export type SigningKeyPurpose = 'stamp' | 'session' | 'redirect';

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

export interface SigningKeysStore {
  /** Inserts a key and announces the change so every process reloads its keys. */
  insertSigningKey(key: SigningKey): Promise<SigningKey>;
  /** Every key, retired or not, oldest first. */
  listSigningKeys(): Promise<SigningKey[]>;
  /** Retires the active keys of a purpose (they keep verifying); announces the change. */
  retireSigningKeys(purpose: SigningKeyPurpose, retiredAt: Date): Promise<number>;
}
