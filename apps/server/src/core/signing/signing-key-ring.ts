// The deployment's ES256 keys (stamps, session tokens, redirect results), held in memory as KeyObjects
// (parsing a key per call would cut verification to a third). Threats and answers:
// - A stale process signing with a retired key or missing a new one: keys are loaded lazily and dropped
//   on every `signing_keys` (or `all`) invalidation, which the store sends when a key is added or
//   retired, on every process; a load that started before an invalidation is never reused after it.
// - Cross-purpose use (a stamp key accepted for sessions): each key has one purpose, checked by callers
//   through `verificationKey(kid).purpose`, and visible to offline verifiers in the kid.
// - Leaked database: private keys are stored only encrypted (private-key-encryption.ts) and decrypted
//   here on first use; the decrypted key must match its published JWK.
// Two processes may create the first key of a purpose at the same moment; both keys are valid and
// everyone signs with the newest active one (the store lists keys by creation time, then kid).
import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { SigningKey, SigningKeyPurpose, Store } from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import type { ServerSecrets } from '../secrets.ts';
import { generateSigningKey } from './generate-signing-key.ts';
import { decryptPrivateKeyPkcs8, SigningKeyDecryptionError } from './private-key-encryption.ts';
import { type PublicJwk, publicJwkSchema, publicKeyFromJwk, toPublicJwk } from './public-jwk.ts';
import { rotateSigningKey } from './rotate-signing-key.ts';

export interface VerificationKey {
  kid: string;
  purpose: SigningKeyPurpose;
  publicKey: KeyObject;
  publicJwk: PublicJwk;
  createdAt: Date;
  retiredAt: Date | null;
}

export interface ActiveSigningKey {
  kid: string;
  purpose: SigningKeyPurpose;
  privateKey: KeyObject;
}

export interface SigningKeyRing {
  /**
   * The newest active key of `purpose`; the first use of a purpose without one creates it. Call it
   * before opening a store transaction: it may read and write the store itself.
   */
  signingKey(purpose: SigningKeyPurpose): Promise<ActiveSigningKey>;
  /** A key, active or retired, by id; null when unknown (or unusable). */
  verificationKey(kid: string): Promise<VerificationKey | null>;
  /** Every usable key's public JWK, active and retired, oldest first. */
  publicJwks(): Promise<PublicJwk[]>;
  /** Retires the purpose's active key(s) and activates a new one; returns the new kid. */
  rotate(purpose: SigningKeyPurpose): Promise<string>;
  close(): void;
}

export interface SigningKeyRingDeps {
  store: Store;
  clock: Clock;
  secrets: Pick<ServerSecrets, 'signingKeyEncryptionKey'>;
}

interface RingKey extends VerificationKey {
  privateKeyEncrypted: string;
}

interface LoadedKeys {
  byKid: Map<string, RingKey>;
  ordered: RingKey[];
  newestActive: Map<SigningKeyPurpose, RingKey>;
}

/** A row whose JWK does not parse cannot verify anything; it is left out rather than failing the ring. */
function toRingKey(record: SigningKey): RingKey | null {
  const jwk = publicJwkSchema.safeParse(record.publicJwk);
  if (!jwk.success || jwk.data.kid !== record.kid) return null;
  try {
    return {
      kid: record.kid,
      purpose: record.purpose,
      publicKey: publicKeyFromJwk(jwk.data),
      publicJwk: jwk.data,
      createdAt: record.createdAt,
      retiredAt: record.retiredAt,
      privateKeyEncrypted: record.privateKeyEncrypted,
    };
  } catch {
    return null;
  }
}

function index(records: SigningKey[]): LoadedKeys {
  const ordered = records.map(toRingKey).filter((key): key is RingKey => key !== null);
  const newestActive = new Map<SigningKeyPurpose, RingKey>();
  // Oldest first, so the last active key of each purpose wins.
  for (const key of ordered) if (key.retiredAt === null) newestActive.set(key.purpose, key);
  return { byKid: new Map(ordered.map((key) => [key.kid, key])), ordered, newestActive };
}

export function createSigningKeyRing(deps: SigningKeyRingDeps): SigningKeyRing {
  const { store, clock } = deps;
  const encryptionKey = deps.secrets.signingKeyEncryptionKey;
  // Bumped on every invalidation: a load begun under an older generation is not reused.
  let generation = 0;
  let current: { generation: number; keys: Promise<LoadedKeys> } | null = null;
  // A kid's private key never changes, so decrypted keys survive reloads.
  const privateKeys = new Map<string, KeyObject>();
  const creating = new Map<SigningKeyPurpose, Promise<void>>();

  const unsubscribe = store.onInvalidation((invalidation) => {
    if (invalidation.kind === 'signing_keys' || invalidation.kind === 'all') generation++;
  });

  function load(): Promise<LoadedKeys> {
    if (current && current.generation === generation) return current.keys;
    const keys = store.listSigningKeys().then(index);
    const entry = { generation, keys };
    current = entry;
    // A failed load is retried on the next call instead of being remembered.
    keys.catch(() => {
      if (current === entry) current = null;
    });
    return keys;
  }

  function decrypt(key: RingKey): KeyObject {
    const cached = privateKeys.get(key.kid);
    if (cached) return cached;
    const privateKey = createPrivateKey({
      key: decryptPrivateKeyPkcs8(key.privateKeyEncrypted, encryptionKey, key.kid),
      format: 'der',
      type: 'pkcs8',
    });
    const derived = toPublicJwk(privateKey, key.kid);
    if (derived.x !== key.publicJwk.x || derived.y !== key.publicJwk.y) {
      throw new SigningKeyDecryptionError(key.kid, 'the private key does not match the published public key');
    }
    privateKeys.set(key.kid, privateKey);
    return privateKey;
  }

  /** Creates the purpose's first key unless one appeared meanwhile; one creation per process at a time. */
  function createFirstKey(purpose: SigningKeyPurpose): Promise<void> {
    const pending = creating.get(purpose);
    if (pending) return pending;
    const creation = (async () => {
      const fresh = index(await store.listSigningKeys());
      if (fresh.newestActive.has(purpose)) return;
      const { record, privateKey } = generateSigningKey(
        { clock, signingKeyEncryptionKey: encryptionKey },
        purpose,
      );
      await store.insertSigningKey(record);
      privateKeys.set(record.kid, privateKey);
    })().finally(() => creating.delete(purpose));
    creating.set(purpose, creation);
    return creation;
  }

  return {
    async signingKey(purpose) {
      let active = (await load()).newestActive.get(purpose);
      if (!active) {
        await createFirstKey(purpose);
        // The insert announced itself, so this load reads the database again.
        active = (await load()).newestActive.get(purpose);
        if (!active) throw new Error(`No active ${purpose} signing key after creating one`);
      }
      return { kid: active.kid, purpose, privateKey: decrypt(active) };
    },

    async verificationKey(kid) {
      const key = (await load()).byKid.get(kid);
      if (!key) return null;
      return {
        kid: key.kid,
        purpose: key.purpose,
        publicKey: key.publicKey,
        publicJwk: key.publicJwk,
        createdAt: key.createdAt,
        retiredAt: key.retiredAt,
      };
    },

    async publicJwks() {
      return (await load()).ordered.map((key) => key.publicJwk);
    },

    async rotate(purpose) {
      const { key } = await rotateSigningKey(deps, purpose);
      return key.kid;
    },

    close() {
      unsubscribe();
    },
  };
}
