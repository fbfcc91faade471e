// Passkeys of a project's own users (contract §5), under the project's relying party: its WebAuthn RP
// id (default: PUBLIC_URL's host) and origins (default: PUBLIC_URL's origin). Threats and answers:
// - Replayed ceremonies: every challenge is single-use (consumed atomically), expires in 5 minutes, and
//   is bound to the project, mode (and user) it was issued for.
// - One tenant using another's credential or user: credentials are looked up by (project, id) and
//   must be of the key's mode; a challenge of another project or mode is refused.
// - Cloned authenticators: the signature counter must increase (WebAuthn §6.1.1, enforced by
//   @simplewebauthn/server); user verification is required for registration and sign-in.
// - Tracking users across projects through the authenticator: the WebAuthn user handle is an HMAC of
//   (project, mode, userId) under a server key, so it reveals neither the userId nor links projects.
// Stored: the credential's public key, counter, transports and flags. A successful sign-in returns a
// session token (core/sessions), which is not stored.
import { createHmac } from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { decodeClientDataJSON, isoBase64URL } from '@simplewebauthn/server/helpers';
import { z } from 'zod';
import type { KeyMode, Project, Store, UserPasskey } from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import { recordPoyEvent } from '../events/poy-events.ts';
import { createId } from '../ids.ts';
import type { ServerSecrets } from '../secrets.ts';
import { type IssuedSessionToken, issueSessionToken } from '../sessions/session-tokens.ts';
import type { SigningKeyRing } from '../signing/signing-key-ring.ts';
import { bytesEqual, hashToken } from '../token-digest.ts';

const CHALLENGE_TTL_MS = 5 * 60_000;
const CEREMONY_TIMEOUT_MS = 60_000;
/** ES256 and RS256 (contract §5), in order of preference. */
const SUPPORTED_ALGORITHM_IDS = [-7, -257];
const REGISTRATION_PURPOSE = 'user_passkey_registration';
const AUTHENTICATION_PURPOSE = 'user_passkey_authentication';

export interface PasskeyDeps {
  store: Store;
  clock: Clock;
  secrets: Pick<ServerSecrets, 'userHandleKey'>;
  /** The deployment's PUBLIC_URL: the default RP id (its host), origin, and the session tokens' `iss`. */
  publicUrl: string;
  keyRing: SigningKeyRing;
}

export type PasskeyFailure =
  | 'challenge_invalid'
  | 'passkey_invalid'
  | 'passkey_unknown'
  | 'passkey_not_allowed'
  | 'user_handle_invalid'
  | 'credential_exists'
  | 'no_passkeys';

export type PasskeyResult<T> = { ok: true; value: T } | { ok: false; reason: PasskeyFailure };

const fail = <T>(reason: PasskeyFailure): PasskeyResult<T> => ({ ok: false, reason });

export interface RelyingParty {
  rpId: string;
  rpName: string;
  origins: string[];
}

export function relyingPartyOf(
  project: Pick<Project, 'name' | 'webauthnRpId' | 'webauthnRpName' | 'webauthnOrigins'>,
  publicUrl: string,
): RelyingParty {
  const url = new URL(publicUrl);
  return {
    rpId: project.webauthnRpId ?? url.hostname,
    rpName: project.webauthnRpName ?? project.name,
    origins: project.webauthnOrigins.length > 0 ? project.webauthnOrigins : [url.origin],
  };
}

/** base64url(HMAC-SHA256(userHandleKey, projectId|mode|userId)): 32 bytes, within WebAuthn's 64. */
export function deriveUserHandle(
  secrets: Pick<ServerSecrets, 'userHandleKey'>,
  input: { projectId: string; mode: KeyMode; userId: string },
): string {
  // projectId and mode never contain "|", so the userId (last) cannot shift the boundaries.
  const mac = createHmac('sha256', secrets.userHandleKey)
    .update(`${input.projectId}|${input.mode}|${input.userId}`, 'utf8')
    .digest();
  return isoBase64URL.fromBuffer(new Uint8Array(mac));
}

function userHandlesEqual(presented: string, expected: string): boolean {
  let presentedBytes: Uint8Array;
  try {
    presentedBytes = isoBase64URL.toBuffer(presented);
  } catch {
    return false;
  }
  const expectedBytes = isoBase64URL.toBuffer(expected);
  return bytesEqual(presentedBytes, expectedBytes);
}

const transportSchema = z.array(z.string().max(32)).max(10);
/** Hints for the browser only (which transports to try); a stored value of the wrong shape is dropped. */
function transportsOf(passkey: UserPasskey): string[] {
  return transportSchema.catch([]).parse(passkey.transports);
}

const registrationPayload = z.object({
  projectId: z.string(),
  mode: z.enum(['live', 'test']),
  userId: z.string(),
});
const authenticationPayload = z.object({
  projectId: z.string(),
  mode: z.enum(['live', 'test']),
  userId: z.string().nullable(),
});

async function storeChallenge(
  deps: PasskeyDeps,
  purpose: string,
  challenge: string,
  projectId: string,
  payload: unknown,
): Promise<void> {
  const now = deps.clock.now();
  await deps.store.insertChallenge({
    id: createId('ch'),
    projectId,
    purpose,
    tokenHashHex: hashToken(challenge),
    payload,
    expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
    createdAt: now,
  });
}

/** Consumes the challenge the browser signed (whatever happens next, it cannot be used again). */
async function consumeChallenge(
  deps: PasskeyDeps,
  purpose: string,
  clientDataJSON: string,
): Promise<{ challenge: string; payload: unknown } | null> {
  let challenge: string;
  try {
    challenge = decodeClientDataJSON(clientDataJSON).challenge;
  } catch {
    return null;
  }
  if (typeof challenge !== 'string' || challenge.length === 0) return null;
  const consumed = await deps.store.consumeChallenge({
    purpose,
    tokenHashHex: hashToken(challenge),
    now: deps.clock.now(),
  });
  return consumed ? { challenge, payload: consumed.payload } : null;
}

export interface ProjectUser {
  project: Project;
  mode: KeyMode;
  userId: string;
}

export async function createPasskeyRegistrationOptions(
  deps: PasskeyDeps,
  input: ProjectUser & { displayName: string },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const rp = relyingPartyOf(input.project, deps.publicUrl);
  const existing = await deps.store.listUserPasskeys({
    projectId: input.project.id,
    mode: input.mode,
    userId: input.userId,
  });
  const userHandle = deriveUserHandle(deps.secrets, {
    projectId: input.project.id,
    mode: input.mode,
    userId: input.userId,
  });
  const options = await generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpId,
    userName: input.displayName,
    userDisplayName: input.displayName,
    userID: isoBase64URL.toBuffer(userHandle),
    attestationType: 'none',
    // WebAuthn §5.4.3: the user's own credentials are excluded, so one authenticator is registered once.
    excludeCredentials: existing.map((passkey) => ({
      id: passkey.credentialId,
      transports: transportsOf(passkey),
    })),
    // User verification is what makes a passkey sign-in a second factor in itself.
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
    supportedAlgorithmIDs: SUPPORTED_ALGORITHM_IDS,
    timeout: CEREMONY_TIMEOUT_MS,
  });
  await storeChallenge(deps, REGISTRATION_PURPOSE, options.challenge, input.project.id, {
    projectId: input.project.id,
    mode: input.mode,
    userId: input.userId,
  });
  return options;
}

export async function verifyPasskeyRegistration(
  deps: PasskeyDeps,
  input: ProjectUser & { response: RegistrationResponseJSON },
): Promise<PasskeyResult<{ credentialId: string }>> {
  const issued = await consumeChallenge(deps, REGISTRATION_PURPOSE, input.response.response.clientDataJSON);
  const payload = registrationPayload.safeParse(issued?.payload);
  // The challenge must have been issued to this project, mode and user (WebAuthn §7.1 step 8).
  if (
    !issued ||
    !payload.success ||
    payload.data.projectId !== input.project.id ||
    payload.data.mode !== input.mode ||
    payload.data.userId !== input.userId
  ) {
    return fail('challenge_invalid');
  }
  const rp = relyingPartyOf(input.project, deps.publicUrl);
  let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    // WebAuthn §7.1: challenge, origin, RP id hash, UP and (required here) UV flags, algorithm.
    verification = await verifyRegistrationResponse({
      response: input.response,
      expectedChallenge: issued.challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.rpId,
      requireUserVerification: true,
      supportedAlgorithmIDs: SUPPORTED_ALGORITHM_IDS,
    });
  } catch {
    return fail('passkey_invalid');
  }
  if (!verification.verified) return fail('passkey_invalid');
  const info = verification.registrationInfo;
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    // WebAuthn §7.1 step 26: a credential id already registered (here: in this project) is refused.
    const inserted = await tx.insertUserPasskey({
      credentialId: info.credential.id,
      projectId: input.project.id,
      mode: input.mode,
      userId: input.userId,
      publicKeyBase64Url: isoBase64URL.fromBuffer(info.credential.publicKey),
      signCount: info.credential.counter,
      transports: info.credential.transports ?? input.response.response.transports ?? [],
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
      userVerified: info.userVerified,
      createdAt: now,
      lastUsedAt: null,
    });
    if (!inserted) return fail('credential_exists');
    await recordPoyEvent(tx, deps.clock, {
      projectId: input.project.id,
      mode: input.mode,
      event: 'passkey.registered',
      data: { userId: input.userId, credentialId: inserted.credentialId },
    });
    return { ok: true, value: { credentialId: inserted.credentialId } };
  });
}

export async function createPasskeyAuthenticationOptions(
  deps: PasskeyDeps,
  input: { project: Project; mode: KeyMode; userId: string | null },
): Promise<PasskeyResult<PublicKeyCredentialRequestOptionsJSON>> {
  const rp = relyingPartyOf(input.project, deps.publicUrl);
  let allowCredentials: Array<{ id: string; transports: string[] }> | undefined;
  if (input.userId !== null) {
    const passkeys = await deps.store.listUserPasskeys({
      projectId: input.project.id,
      mode: input.mode,
      userId: input.userId,
    });
    // An empty list would silently turn this into a discoverable sign-in for anyone.
    if (passkeys.length === 0) return fail('no_passkeys');
    allowCredentials = passkeys.map((passkey) => ({
      id: passkey.credentialId,
      transports: transportsOf(passkey),
    }));
  }
  const options = await generateAuthenticationOptions({
    rpID: rp.rpId,
    ...(allowCredentials ? { allowCredentials } : {}),
    userVerification: 'required',
    timeout: CEREMONY_TIMEOUT_MS,
  });
  await storeChallenge(deps, AUTHENTICATION_PURPOSE, options.challenge, input.project.id, {
    projectId: input.project.id,
    mode: input.mode,
    userId: input.userId,
  });
  return { ok: true, value: options };
}

export interface PasskeyAssertion {
  credentialId: string;
  authenticatorData: string;
  clientDataJSON: string;
  signature: string;
  userHandle?: string | undefined;
}

export interface PasskeySignIn {
  userId: string;
  credentialId: string;
  session: IssuedSessionToken;
}

export async function authenticateWithPasskey(
  deps: PasskeyDeps,
  input: { project: Project; mode: KeyMode; assertion: PasskeyAssertion },
): Promise<PasskeyResult<PasskeySignIn>> {
  const { assertion } = input;
  const response: AuthenticationResponseJSON = {
    id: assertion.credentialId,
    rawId: assertion.credentialId,
    response: {
      clientDataJSON: assertion.clientDataJSON,
      authenticatorData: assertion.authenticatorData,
      signature: assertion.signature,
      ...(assertion.userHandle !== undefined ? { userHandle: assertion.userHandle } : {}),
    },
    clientExtensionResults: {},
    type: 'public-key',
  };
  const issued = await consumeChallenge(deps, AUTHENTICATION_PURPOSE, assertion.clientDataJSON);
  const payload = authenticationPayload.safeParse(issued?.payload);
  // WebAuthn §7.2 step 12: the challenge must be one this project issued in this mode.
  if (
    !issued ||
    !payload.success ||
    payload.data.projectId !== input.project.id ||
    payload.data.mode !== input.mode
  ) {
    return fail('challenge_invalid');
  }
  const rp = relyingPartyOf(input.project, deps.publicUrl);

  const signedIn = await deps.store.transaction(async (tx): Promise<PasskeyResult<UserPasskey>> => {
    // Credentials are per project; the mode must match too (live and test are separate worlds).
    // Locked: two sign-ins presenting the same counter must be checked one after the other.
    const passkey = await tx.findUserPasskey(input.project.id, assertion.credentialId, { forUpdate: true });
    if (!passkey || passkey.mode !== input.mode) return fail('passkey_unknown');
    // WebAuthn §7.2 step 5: when the options named a user, only that user's credentials may answer.
    if (payload.data.userId !== null && passkey.userId !== payload.data.userId)
      return fail('passkey_not_allowed');
    const expectedHandle = deriveUserHandle(deps.secrets, {
      projectId: passkey.projectId,
      mode: passkey.mode,
      userId: passkey.userId,
    });
    // WebAuthn §7.2 step 6: a user handle, when given, must be the credential owner's; when nobody was
    // identified before the ceremony (discoverable sign-in) it must be given.
    if (assertion.userHandle !== undefined && !userHandlesEqual(assertion.userHandle, expectedHandle)) {
      return fail('user_handle_invalid');
    }
    if (assertion.userHandle === undefined && payload.data.userId === null)
      return fail('user_handle_invalid');
    let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
    try {
      // WebAuthn §7.2 steps 11–22: type, challenge, origin, RP id hash, UP and UV flags, signature,
      // and the signature counter (§6.1.1: it must increase, or the authenticator may be cloned).
      verification = await verifyAuthenticationResponse({
        response,
        expectedChallenge: issued.challenge,
        expectedOrigin: rp.origins,
        expectedRPID: rp.rpId,
        credential: {
          id: passkey.credentialId,
          publicKey: isoBase64URL.toBuffer(passkey.publicKeyBase64Url),
          counter: passkey.signCount,
          transports: transportsOf(passkey),
        },
        requireUserVerification: true,
      });
    } catch {
      return fail('passkey_invalid');
    }
    if (!verification.verified) return fail('passkey_invalid');
    await tx.recordUserPasskeyUse({
      projectId: passkey.projectId,
      credentialId: passkey.credentialId,
      signCount: verification.authenticationInfo.newCounter,
      backedUp: verification.authenticationInfo.credentialBackedUp,
      usedAt: deps.clock.now(),
    });
    return { ok: true, value: passkey };
  });
  if (!signedIn.ok) return fail(signedIn.reason);

  // After the transaction: the first session token may create the session key (a store write).
  const passkey = signedIn.value;
  const session = await issueSessionToken(
    { keyRing: deps.keyRing, clock: deps.clock, issuer: deps.publicUrl },
    { project: input.project, mode: input.mode, userId: passkey.userId, credentialId: passkey.credentialId },
  );
  return { ok: true, value: { userId: passkey.userId, credentialId: passkey.credentialId, session } };
}
