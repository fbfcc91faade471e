// Signing one of a project's users in with a passkey, ending in a session token. Threats and answers:
// - A replayed assertion, or one made for another project or mode: the single-use challenge must have
//   been issued by this project in this mode (WebAuthn §7.2 step 12).
// - Another user's credential answering: when the options named a user, only their credentials may
//   answer, and a user handle, when given, must be the credential owner's.
// - A cloned authenticator: the signature counter must increase; the row is locked so that two
//   sign-ins presenting the same counter are checked one after the other.
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { generateAuthenticationOptions, verifyAuthenticationResponse } from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { z } from 'zod';
import type { KeyMode, Project, UserPasskey } from '../../store/store.ts';
import { type IssuedSessionToken, issueSessionToken } from '../sessions/session-tokens.ts';
import { consumeWebauthnChallenge, issueWebauthnChallenge } from '../webauthn/challenges.ts';
import {
  CEREMONY_TIMEOUT_MS,
  fail,
  type PasskeyDeps,
  type PasskeyResult,
  transportsOf,
} from './project-passkeys.ts';
import { deriveUserHandle, relyingPartyOf, userHandlesEqual } from './relying-party.ts';

const authenticationPayload = z.object({
  projectId: z.string(),
  mode: z.enum(['live', 'test']),
  userId: z.string().nullable(),
});
type AuthenticationPayload = z.infer<typeof authenticationPayload>;

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
  const payload: AuthenticationPayload = {
    projectId: input.project.id,
    mode: input.mode,
    userId: input.userId,
  };
  await issueWebauthnChallenge(deps, {
    purpose: 'user_passkey_authentication',
    challenge: options.challenge,
    projectId: input.project.id,
    payload,
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

function toAuthenticationResponse(assertion: PasskeyAssertion): AuthenticationResponseJSON {
  return {
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
}

/** Checks the assertion against its stored credential and records the use, in one transaction. */
async function verifyAssertion(
  deps: PasskeyDeps,
  input: { project: Project; mode: KeyMode; assertion: PasskeyAssertion },
  issued: { challenge: string; payload: AuthenticationPayload },
): Promise<PasskeyResult<UserPasskey>> {
  const { assertion } = input;
  const rp = relyingPartyOf(input.project, deps.publicUrl);
  return deps.store.transaction(async (tx): Promise<PasskeyResult<UserPasskey>> => {
    // Credentials are per project; the mode must match too (live and test are separate worlds).
    // Locked: two sign-ins presenting the same counter must be checked one after the other.
    const passkey = await tx.findUserPasskey(input.project.id, assertion.credentialId, { forUpdate: true });
    if (!passkey || passkey.mode !== input.mode) return fail('passkey_unknown');
    // WebAuthn §7.2 step 5: when the options named a user, only that user's credentials may answer.
    if (issued.payload.userId !== null && passkey.userId !== issued.payload.userId)
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
    if (assertion.userHandle === undefined && issued.payload.userId === null)
      return fail('user_handle_invalid');
    let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
    try {
      // WebAuthn §7.2 steps 11–22: type, challenge, origin, RP id hash, UP and UV flags, signature,
      // and the signature counter (§6.1.1: it must increase, or the authenticator may be cloned).
      verification = await verifyAuthenticationResponse({
        response: toAuthenticationResponse(assertion),
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
}

export async function authenticateWithPasskey(
  deps: PasskeyDeps,
  input: { project: Project; mode: KeyMode; assertion: PasskeyAssertion },
): Promise<PasskeyResult<PasskeySignIn>> {
  const issued = await consumeWebauthnChallenge(deps, {
    purpose: 'user_passkey_authentication',
    clientDataJSON: input.assertion.clientDataJSON,
  });
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
  const signedIn = await verifyAssertion(deps, input, { challenge: issued.challenge, payload: payload.data });
  if (!signedIn.ok) return fail(signedIn.reason);

  // After the transaction: the first session token may create the session key (a store write).
  const passkey = signedIn.value;
  const session = await issueSessionToken(
    { keyRing: deps.keyRing, clock: deps.clock, issuer: deps.publicUrl },
    { project: input.project, mode: input.mode, userId: passkey.userId, credentialId: passkey.credentialId },
  );
  return { ok: true, value: { userId: passkey.userId, credentialId: passkey.credentialId, session } };
}
