// A software WebAuthn authenticator for API tests: it answers creation and request options the way a
// platform authenticator behind navigator.credentials would, so the hosted flow can be driven through
// app.inject() without a browser. It holds EC P-256 (ES256) discoverable credentials and produces
// `fmt: "none"` attestations (WebAuthn §8.7), or on request `packed` self attestations (§8.2.1: signed
// by the credential's own key, naming any AAGUID it likes, as a forger's authenticator would), and
// assertions signed over authData ‖ SHA-256(clientDataJSON)
// (WebAuthn §6.3.3) with DER-encoded ECDSA signatures, as WebAuthn requires for ES256.
// Every flag and the signature counter are controllable, so tests can produce what a real
// authenticator would not: no user verification, a counter that does not move, and so on.
// Test code only: the private keys live in memory and nothing is protected.
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, randomInt, sign } from 'node:crypto';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { isoBase64URL, isoCBOR } from '@simplewebauthn/server/helpers';

/** What the authenticator reads from PublicKeyCredentialCreationOptionsJSON (the real type fits). */
export interface CreationOptionsInput {
  challenge: string;
  rp: { id?: string | undefined };
  /** base64url, as in PublicKeyCredentialCreationOptionsJSON. */
  user: { id: string };
}

/** What the authenticator reads from PublicKeyCredentialRequestOptionsJSON (the real type fits). */
export interface RequestOptionsInput {
  challenge: string;
  rpId?: string | undefined;
  allowCredentials?: ReadonlyArray<{ id: string }> | undefined;
}

export interface RegistrationOptions {
  origin: string;
  /** UV flag (0x04). Default true. */
  userVerified?: boolean;
  /** UP flag (0x01). Default true. */
  userPresent?: boolean;
  /** Reported as `authenticatorAttachment`. Default 'platform'. */
  attachment?: 'platform' | 'cross-platform';
  /** BE flag (0x08). Default false. */
  backupEligible?: boolean;
  /** BS flag (0x10). Default false. */
  backedUp?: boolean;
  /** Default `none` (all-zero AAGUID); `packed-self` names `aaguid` and signs with the new key. */
  attestation?: { format: 'none' } | { format: 'packed-self'; aaguid: string };
}

export interface AuthenticationOptions {
  origin: string;
  /** Which credential answers; default: the one allowCredentials names, else the newest for the RP. */
  credentialId?: string;
  /** UV flag (0x04). Default true. */
  userVerified?: boolean;
  /** Sends this counter instead of the next one (and leaves the stored counter as it was). */
  signCountOverride?: number;
  /** Sends this userHandle instead of the registered one; null leaves it out. */
  userHandleOverride?: string | null;
}

export interface SoftCredential {
  /** base64url credential id (16–32 random bytes). */
  id: string;
  rpId: string;
  /** base64url user.id from the creation options; returned as userHandle. */
  userHandle: string;
  signCount: number;
  attachment: 'platform' | 'cross-platform';
  backupEligible: boolean;
  backedUp: boolean;
}

interface HeldCredential extends SoftCredential {
  idBytes: Uint8Array;
  privateKey: KeyObject;
  publicKeyCose: Uint8Array;
}

const FLAG_USER_PRESENT = 0x01;
const FLAG_USER_VERIFIED = 0x04;
const FLAG_BACKUP_ELIGIBLE = 0x08;
const FLAG_BACKED_UP = 0x10;
const FLAG_ATTESTED_CREDENTIAL_DATA = 0x40;
/** COSE (RFC 9053): kty EC2 = 2, alg ES256 = -7, crv P-256 = 1. */
const COSE_KTY_EC2 = 2;
const COSE_ALG_ES256 = -7;
const COSE_CRV_P256 = 1;
/** A "none" attestation carries no model information; an all-zero AAGUID says so. */
const ZERO_AAGUID = new Uint8Array(16);

function sha256(data: Uint8Array | string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(data).digest());
}

function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function uint32BigEndian(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value, false);
  return out;
}

function uint16BigEndian(value: number): Uint8Array {
  const out = new Uint8Array(2);
  new DataView(out.buffer).setUint16(0, value, false);
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  return isoBase64URL.fromBuffer(new Uint8Array(bytes));
}

/** The public key as a COSE_Key map (WebAuthn §6.5.1.1): integer labels, so a Map, not an object. */
function encodeCosePublicKey(publicKey: KeyObject): Uint8Array {
  const jwk = publicKey.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string' || typeof jwk.y !== 'string') throw new Error('EC key without x/y');
  return isoCBOR.encode(
    new Map<number, number | Uint8Array>([
      [1, COSE_KTY_EC2],
      [3, COSE_ALG_ES256],
      [-1, COSE_CRV_P256],
      [-2, isoBase64URL.toBuffer(jwk.x)],
      [-3, isoBase64URL.toBuffer(jwk.y)],
    ]),
  );
}

function encodeClientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, origin: string) {
  return new TextEncoder().encode(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
}

function flagsOf(input: {
  userPresent: boolean;
  userVerified: boolean;
  backupEligible: boolean;
  backedUp: boolean;
  attested: boolean;
}): number {
  return (
    (input.userPresent ? FLAG_USER_PRESENT : 0) |
    (input.userVerified ? FLAG_USER_VERIFIED : 0) |
    (input.backupEligible ? FLAG_BACKUP_ELIGIBLE : 0) |
    (input.backedUp ? FLAG_BACKED_UP : 0) |
    (input.attested ? FLAG_ATTESTED_CREDENTIAL_DATA : 0)
  );
}

function rpIdFor(explicit: string | undefined, origin: string): string {
  // WebAuthn §5.1.3/§5.1.4: without an explicit RP id the browser uses the origin's effective domain.
  return explicit ?? new URL(origin).hostname;
}

export class SoftAuthenticator {
  readonly #credentials: HeldCredential[] = [];

  /** Copies of the credentials (without keys), oldest first. */
  get credentials(): SoftCredential[] {
    return this.#credentials.map((held) => ({
      id: held.id,
      rpId: held.rpId,
      userHandle: held.userHandle,
      signCount: held.signCount,
      attachment: held.attachment,
      backupEligible: held.backupEligible,
      backedUp: held.backedUp,
    }));
  }

  /** navigator.credentials.create(): a new credential and its RegistrationResponseJSON. */
  createRegistrationResponse(
    options: CreationOptionsInput,
    settings: RegistrationOptions,
  ): RegistrationResponseJSON {
    const userVerified = settings.userVerified ?? true;
    const userPresent = settings.userPresent ?? true;
    const attachment = settings.attachment ?? 'platform';
    const backupEligible = settings.backupEligible ?? false;
    const backedUp = settings.backedUp ?? false;
    const rpId = rpIdFor(options.rp.id, settings.origin);
    const attestation = settings.attestation ?? { format: 'none' };
    const aaguid =
      attestation.format === 'none'
        ? ZERO_AAGUID
        : new Uint8Array(Buffer.from(attestation.aaguid.replaceAll('-', ''), 'hex'));
    if (aaguid.length !== 16) throw new Error('An AAGUID is 16 bytes');

    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const idBytes = new Uint8Array(randomBytes(randomInt(16, 33)));
    const publicKeyCose = encodeCosePublicKey(publicKey);
    const credential: HeldCredential = {
      id: toBase64Url(idBytes),
      idBytes,
      rpId,
      userHandle: options.user.id,
      // Counters start at 0, as most platform authenticators' do; every assertion then increments.
      signCount: 0,
      attachment,
      backupEligible,
      backedUp,
      privateKey,
      publicKeyCose,
    };

    // WebAuthn §6.1: rpIdHash ‖ flags ‖ signCount ‖ attestedCredentialData (aaguid ‖ L ‖ id ‖ key).
    const authData = concatBytes(
      sha256(rpId),
      Uint8Array.of(flagsOf({ userPresent, userVerified, backupEligible, backedUp, attested: true })),
      uint32BigEndian(credential.signCount),
      aaguid,
      uint16BigEndian(idBytes.length),
      idBytes,
      publicKeyCose,
    );
    const clientDataJSON = encodeClientData('webauthn.create', options.challenge, settings.origin);
    // §8.7: the "none" format's statement is an empty map. §8.2.1 self attestation: alg and a
    // signature over authData ‖ SHA-256(clientDataJSON) by the credential's own key, no certificate.
    const statement =
      attestation.format === 'none'
        ? new Map<string, number | Uint8Array>()
        : new Map<string, number | Uint8Array>([
            ['alg', COSE_ALG_ES256],
            [
              'sig',
              new Uint8Array(sign('sha256', concatBytes(authData, sha256(clientDataJSON)), privateKey)),
            ],
          ]);
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Uint8Array | Map<string, number | Uint8Array>>([
        ['fmt', attestation.format === 'none' ? 'none' : 'packed'],
        ['attStmt', statement],
        ['authData', authData],
      ]),
    );
    this.#credentials.push(credential);

    const publicKeySpki = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }));
    return {
      id: credential.id,
      rawId: credential.id,
      response: {
        clientDataJSON: toBase64Url(clientDataJSON),
        attestationObject: toBase64Url(attestationObject),
        authenticatorData: toBase64Url(authData),
        transports: attachment === 'platform' ? ['internal'] : ['usb'],
        publicKeyAlgorithm: COSE_ALG_ES256,
        publicKey: toBase64Url(publicKeySpki),
      },
      authenticatorAttachment: attachment,
      clientExtensionResults: {},
      type: 'public-key',
    };
  }

  /** navigator.credentials.get(): an assertion from one of the held credentials. */
  createAuthenticationResponse(
    options: RequestOptionsInput,
    settings: AuthenticationOptions,
  ): AuthenticationResponseJSON {
    const rpId = rpIdFor(options.rpId, settings.origin);
    const credential = this.#pickCredential(rpId, options, settings.credentialId);
    const userVerified = settings.userVerified ?? true;
    const signCount = settings.signCountOverride ?? credential.signCount + 1;
    if (settings.signCountOverride === undefined) credential.signCount = signCount;

    const authData = concatBytes(
      sha256(rpId),
      Uint8Array.of(
        flagsOf({
          userPresent: true,
          userVerified,
          backupEligible: credential.backupEligible,
          backedUp: credential.backedUp,
          attested: false,
        }),
      ),
      uint32BigEndian(signCount),
    );
    const clientDataJSON = encodeClientData('webauthn.get', options.challenge, settings.origin);
    // node:crypto signs EC keys in DER by default (dsaEncoding 'der'), which is what WebAuthn's ES256
    // signatures are; WebCrypto would give IEEE P1363 r‖s instead.
    const signatureDer = sign('sha256', concatBytes(authData, sha256(clientDataJSON)), credential.privateKey);

    return {
      id: credential.id,
      rawId: credential.id,
      response: {
        clientDataJSON: toBase64Url(clientDataJSON),
        authenticatorData: toBase64Url(authData),
        signature: toBase64Url(new Uint8Array(signatureDer)),
        ...(settings.userHandleOverride === null
          ? {}
          : { userHandle: settings.userHandleOverride ?? credential.userHandle }),
      },
      authenticatorAttachment: credential.attachment,
      clientExtensionResults: {},
      type: 'public-key',
    };
  }

  #pickCredential(rpId: string, options: RequestOptionsInput, credentialId?: string): HeldCredential {
    const forRp = this.#credentials.filter((held) => held.rpId === rpId);
    const allowed = options.allowCredentials?.map((descriptor) => descriptor.id) ?? [];
    const wanted = credentialId ?? (allowed.length > 0 ? undefined : forRp.at(-1)?.id);
    const candidates = forRp.filter((held) =>
      wanted !== undefined ? held.id === wanted : allowed.includes(held.id),
    );
    const credential = candidates.at(-1);
    if (!credential) throw new Error(`No credential for RP ${rpId} matches the request`);
    return credential;
  }
}
