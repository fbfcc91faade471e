// The passkey step for a new PoY identity (or an enrollee's first passkey). Threats and answers:
// - A replayed or foreign registration response: the single-use challenge must be this session's, and
//   it names the human id the credential was created for.
// - A credential registered twice, or added to someone else's identity: a known credential id is
//   refused, and an identity that already has a passkey is entered only with that passkey.
// Redo (docs/flow-api.md): a person whose first attempt failed half-way (the prompt dismissed, or the
// answer to a successful register lost) asks again on the same device. The identity this flow's own
// registration made is then reused, and the new passkey is added to it, rather than a second identity
// drawn (or the same id inserted twice, which used to end in a 500).
// - A project that requires authenticator attestation (docs/assurance.md §3): the options ask for it,
//   and the passkey is still kept when it does not meet the allow-list, but the session records that
//   (passkeySignals.attestation) so completion ends with ATTESTATION_REQUIRED rather than verifying.
import type {
  PublicKeyCredentialCreationOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { generateRegistrationOptions, verifyRegistrationResponse } from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import type { Human, StoreOperations, VerificationSession } from '../../../store/store.ts';
import { assessAttestation } from '../../assurance/attestation.ts';
import { resolveAssurancePolicy } from '../../assurance/policy.ts';
import type { CoreContext } from '../../context.ts';
import { createId } from '../../ids.ts';
import { type FlowResult, fail, succeed } from './flow-result.ts';
import { type FlowInvite, requireOpenSession, withPendingSession } from './flow-session.ts';
import {
  bindPasskeyStep,
  consumeFlowChallenge,
  FLOW_WEBAUTHN_TIMEOUT_MS,
  issueFlowChallenge,
  type PasskeyStepResult,
  passkeySignalsSchema,
} from './passkey-step.ts';
import { insertHumanWithFreshCode } from './pending-human.ts';

/** True when this session's passkey step was done by registering (not by signing in). */
function registeredInThisFlow(session: VerificationSession): boolean {
  const signals = passkeySignalsSchema.safeParse(session.passkeySignals);
  return signals.success && !signals.data.returningCredential;
}

/**
 * The identity a registration is for: an enrollment's own (pending) human; the identity this flow's
 * earlier registration made (a redo); otherwise a new one.
 */
function identityIdFor(session: VerificationSession): string {
  if (session.purpose === 'enrollment' && session.humanId) return session.humanId;
  if (session.humanId && registeredInThisFlow(session)) return session.humanId;
  return createId('hum');
}

export async function createIdentityRegistrationOptions(
  deps: CoreContext,
  invite: FlowInvite,
): Promise<FlowResult<PublicKeyCredentialCreationOptionsJSON>> {
  const open = await requireOpenSession(deps, invite);
  if (!open.ok) return fail(open.reason);
  const session = open.value;
  const humanId = identityIdFor(session);
  const project = await deps.store.findProjectById(session.projectId);
  const attestationRequired = project !== null && resolveAssurancePolicy(project).attestationRequired;
  const options = await generateRegistrationOptions({
    rpName: deps.webauthn.rpName,
    rpID: deps.webauthn.rpId,
    userName: 'PoY identity',
    userDisplayName: 'PoY identity',
    userID: new TextEncoder().encode(humanId),
    // 'direct' only when the project checks it: otherwise asking would only add a browser prompt (some
    // show one for attestation) and hand us a statement we do not use.
    attestationType: attestationRequired ? 'direct' : 'none',
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
  invite: FlowInvite,
  response: RegistrationResponseJSON,
): Promise<FlowResult<PasskeyStepResult>> {
  return withPendingSession(deps, invite, async (tx, session) => {
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

    const human = await identityToRegister(tx, deps, session, issued.humanId);
    if (!human.ok) return fail(human.reason);
    // The policy as it is now, not as it was when the options were issued: a project that began
    // requiring attestation in between gets `met: false` rather than a passkey that slipped through.
    const project = await tx.findProjectById(session.projectId);
    const attestation = project
      ? assessAttestation(resolveAssurancePolicy(project), {
          aaguid: info.aaguid,
          fmt: info.fmt,
          attestationObject: info.attestationObject,
        })
      : null;
    await tx.insertHumanPasskey({
      credentialId: info.credential.id,
      humanId: human.value.id,
      publicKeyBase64Url: isoBase64URL.fromBuffer(info.credential.publicKey),
      signCount: info.credential.counter,
      transports: info.credential.transports ?? [],
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
      aaguid: info.aaguid,
      userHandle: human.value.id,
      createdAt: deps.clock.now(),
      lastUsedAt: null,
    });
    return bindPasskeyStep(tx, session, human.value, {
      info,
      attachment: response.authenticatorAttachment,
      returningCredential: false,
      attestation,
      doneAt: deps.clock.now(),
    });
  });
}

/** The human the new passkey goes to, as `identityIdFor` chose it when the options were issued. */
async function identityToRegister(
  tx: StoreOperations,
  deps: CoreContext,
  session: VerificationSession,
  humanId: string,
): Promise<FlowResult<Human>> {
  const redo = session.humanId === humanId && registeredInThisFlow(session);
  if (session.purpose === 'enrollment') {
    const enrollee = session.humanId ? await tx.findHumanById(session.humanId) : null;
    if (!enrollee || enrollee.id !== humanId) return fail('challenge_invalid');
    // Public enrollment proves nothing about who holds an e-mail address, so an identity that already
    // has a passkey is entered only with that passkey: a second enrollment link must never let someone
    // else add theirs to it. Its own earlier registration, on this bound device, is the exception.
    if (!redo && (await tx.countHumanPasskeys(enrollee.id)) > 0) return fail('identity_has_passkey');
    return succeed(enrollee);
  }
  const existing = await tx.findHumanById(humanId);
  if (existing) return redo && existing.mode === session.mode ? succeed(existing) : fail('challenge_invalid');
  return succeed(await insertHumanWithFreshCode(tx, deps, { id: humanId, mode: session.mode }));
}
