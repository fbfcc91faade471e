// The passkey step for a new PoY identity (or an enrollee's first passkey). Threats and answers:
// - A replayed or foreign registration response: the single-use challenge must be this session's, and
//   it names the human id the credential was created for.
// - A credential registered twice, or added to someone else's identity: a known credential id is
//   refused, and an identity that already has a passkey is entered only with that passkey.
import type {
  PublicKeyCredentialCreationOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { generateRegistrationOptions, verifyRegistrationResponse } from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import type { CoreContext } from '../../context.ts';
import { createId } from '../../ids.ts';
import { type FlowResult, fail, succeed } from './flow-result.ts';
import { requireOpenSession, withPendingSession } from './flow-session.ts';
import {
  bindPasskeyStep,
  consumeFlowChallenge,
  FLOW_WEBAUTHN_TIMEOUT_MS,
  issueFlowChallenge,
  type PasskeyStepResult,
} from './passkey-step.ts';
import { insertHumanWithFreshCode } from './pending-human.ts';

export async function createIdentityRegistrationOptions(
  deps: CoreContext,
  code: string,
): Promise<FlowResult<PublicKeyCredentialCreationOptionsJSON>> {
  const open = await requireOpenSession(deps, code);
  if (!open.ok) return fail(open.reason);
  const session = open.value;
  // An enrollment session already has its (pending) human; otherwise a new identity is being made.
  const humanId = session.humanId ?? createId('hum');
  const options = await generateRegistrationOptions({
    rpName: deps.webauthn.rpName,
    rpID: deps.webauthn.rpId,
    userName: 'PoY identity',
    userDisplayName: 'PoY identity',
    userID: new TextEncoder().encode(humanId),
    attestationType: 'none',
    // WebAuthn §5.4.4: a discoverable credential lets a returning person sign in without a username;
    // user verification is required because it is the liveness signal.
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    supportedAlgorithmIDs: [-7, -257],
    timeout: FLOW_WEBAUTHN_TIMEOUT_MS,
  });
  await issueFlowChallenge(deps, 'flow_registration', options.challenge, session, {
    sessionId: session.id,
    humanId,
  });
  return succeed(options);
}

export async function verifyIdentityRegistration(
  deps: CoreContext,
  code: string,
  response: RegistrationResponseJSON,
): Promise<FlowResult<PasskeyStepResult>> {
  return withPendingSession(deps, code, async (tx, session) => {
    const issued = await consumeFlowChallenge(
      tx,
      deps,
      'flow_registration',
      response.response.clientDataJSON,
      session.id,
    );
    if (!issued?.humanId) return fail('challenge_invalid');
    let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
    try {
      // User verification is checked by the scoring (as the liveness factor) rather than here, so that
      // a passkey without it ends the attempt with a reason code instead of a bare error.
      verification = await verifyRegistrationResponse({
        response,
        expectedChallenge: issued.challenge,
        expectedOrigin: deps.webauthn.origin,
        expectedRPID: deps.webauthn.rpId,
        requireUserVerification: false,
      });
    } catch {
      return fail('passkey_invalid');
    }
    if (!verification.verified) return fail('passkey_invalid');
    const info = verification.registrationInfo;
    if (await tx.findHumanPasskey(info.credential.id)) return fail('passkey_invalid');

    const enrollee =
      session.purpose === 'enrollment' && session.humanId ? await tx.findHumanById(session.humanId) : null;
    if (session.purpose === 'enrollment' && (!enrollee || enrollee.id !== issued.humanId))
      return fail('challenge_invalid');
    // Public enrollment proves nothing about who holds an e-mail address, so an identity that already
    // has a passkey is entered only with that passkey: a second enrollment link must never let someone
    // else add theirs to it.
    if (enrollee && (await tx.countHumanPasskeys(enrollee.id)) > 0) return fail('identity_has_passkey');
    const human =
      enrollee ?? (await insertHumanWithFreshCode(tx, deps, { id: issued.humanId, mode: session.mode }));
    await tx.insertHumanPasskey({
      credentialId: info.credential.id,
      humanId: human.id,
      publicKeyBase64Url: isoBase64URL.fromBuffer(info.credential.publicKey),
      signCount: info.credential.counter,
      transports: info.credential.transports ?? [],
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
      aaguid: info.aaguid,
      createdAt: deps.clock.now(),
      lastUsedAt: null,
    });
    return bindPasskeyStep(tx, session, human, {
      info,
      attachment: response.authenticatorAttachment,
      returningCredential: false,
    });
  });
}
