// Registering a passkey for one of a project's users. Threats and answers:
// - A replayed or redirected registration: the single-use challenge must have been issued to this
//   project, mode and user (WebAuthn §7.1 step 8).
// - One authenticator registered twice, or a credential id taken over: the user's own credentials are
//   excluded in the options, and a credential id already in the project is refused.
import type {
  PublicKeyCredentialCreationOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { generateRegistrationOptions, verifyRegistrationResponse } from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { z } from 'zod';
import { recordPoyEvent } from '../events/poy-events.ts';
import { consumeWebauthnChallenge, issueWebauthnChallenge } from '../webauthn/challenges.ts';
import {
  CEREMONY_TIMEOUT_MS,
  fail,
  type PasskeyDeps,
  type PasskeyResult,
  type ProjectUser,
  SUPPORTED_ALGORITHM_IDS,
  transportsOf,
} from './project-passkeys.ts';
import { deriveUserHandle, relyingPartyOf } from './relying-party.ts';

const registrationPayload = z.object({
  projectId: z.string(),
  mode: z.enum(['live', 'test']),
  userId: z.string(),
});

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
  await issueWebauthnChallenge(deps, {
    purpose: 'user_passkey_registration',
    challenge: options.challenge,
    projectId: input.project.id,
    payload: { projectId: input.project.id, mode: input.mode, userId: input.userId },
  });
  return options;
}

export async function verifyPasskeyRegistration(
  deps: PasskeyDeps,
  input: ProjectUser & { response: RegistrationResponseJSON },
): Promise<PasskeyResult<{ credentialId: string }>> {
  const issued = await consumeWebauthnChallenge(deps, {
    purpose: 'user_passkey_registration',
    clientDataJSON: input.response.response.clientDataJSON,
  });
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
