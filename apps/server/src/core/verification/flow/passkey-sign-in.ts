// The passkey step for a returning person (usernameless sign-in). Threats and answers:
// - A replayed or foreign assertion: the single-use challenge must be this session's.
// - A credential of another world or person: a live identity is never used in the sandbox (and vice
//   versa), an enrollment accepts only its own enrollee, and the user handle must be the owner's.
// - A cloned authenticator: the signature counter must increase.
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { generateAuthenticationOptions, verifyAuthenticationResponse } from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { z } from 'zod';
import type { CoreContext } from '../../context.ts';
import { type FlowResult, fail, succeed } from './flow-result.ts';
import { type FlowInvite, requireOpenSession, withPendingSession } from './flow-session.ts';
import {
  bindPasskeyStep,
  consumeFlowChallenge,
  FLOW_WEBAUTHN_TIMEOUT_MS,
  issueFlowChallenge,
  type PasskeyStepResult,
} from './passkey-step.ts';

const transportsSchema = z
  .array(z.enum(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']))
  .catch([]);

export async function createIdentityAuthenticationOptions(
  deps: CoreContext,
  invite: FlowInvite,
): Promise<FlowResult<PublicKeyCredentialRequestOptionsJSON>> {
  const open = await requireOpenSession(deps, invite);
  if (!open.ok) return fail(open.reason);
  const session = open.value;
  // No allowCredentials: the person picks their discoverable PoY passkey (usernameless sign-in).
  const options = await generateAuthenticationOptions({
    rpID: deps.webauthn.rpId,
    userVerification: 'required',
    timeout: FLOW_WEBAUTHN_TIMEOUT_MS,
  });
  await issueFlowChallenge(deps, 'flow_authentication', options.challenge, session, {
    sessionId: session.id,
  });
  return succeed(options);
}

function isUserHandleOf(userHandle: string | undefined, humanId: string): boolean {
  if (!userHandle) return false;
  try {
    return isoBase64URL.toUTF8String(userHandle) === humanId;
  } catch {
    return false;
  }
}

export async function verifyIdentityAuthentication(
  deps: CoreContext,
  invite: FlowInvite,
  response: AuthenticationResponseJSON,
): Promise<FlowResult<PasskeyStepResult>> {
  return withPendingSession(deps, invite, async (tx, session) => {
    const issued = await consumeFlowChallenge(
      tx,
      deps,
      'flow_authentication',
      response.response.clientDataJSON,
      session.id,
    );
    if (!issued) return fail('challenge_invalid');
    const passkey = await tx.findHumanPasskey(response.id);
    const human = passkey ? await tx.findHumanById(passkey.humanId) : null;
    // A live identity is never used in the sandbox and vice versa; an enrollment is for its own enrollee.
    if (!passkey || !human || human.mode !== session.mode) return fail('passkey_unknown');
    if (session.purpose === 'enrollment' && session.humanId !== human.id) return fail('passkey_unknown');
    // WebAuthn §7.2 step 6: nobody was identified before this (discoverable) ceremony, so the response
    // must carry a user handle and it must be the one the credential was made with (the id of the human
    // it was registered for, kept when the passkey moved to the human its face belongs to).
    if (!isUserHandleOf(response.response.userHandle, passkey.userHandle ?? human.id))
      return fail('passkey_invalid');
    let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
    try {
      // Also enforces the signature counter (WebAuthn §6.1.1): a counter that does not increase is a
      // sign of a cloned authenticator and fails verification.
      verification = await verifyAuthenticationResponse({
        response,
        expectedChallenge: issued.challenge,
        expectedOrigin: deps.webauthn.origin,
        expectedRPID: deps.webauthn.rpId,
        credential: {
          id: passkey.credentialId,
          publicKey: isoBase64URL.toBuffer(passkey.publicKeyBase64Url),
          counter: passkey.signCount,
          transports: transportsSchema.parse(passkey.transports),
        },
        requireUserVerification: false,
      });
    } catch {
      return fail('passkey_invalid');
    }
    if (!verification.verified) return fail('passkey_invalid');
    const info = verification.authenticationInfo;
    await tx.recordHumanPasskeyUse({
      credentialId: passkey.credentialId,
      signCount: info.newCounter,
      backedUp: info.credentialBackedUp,
      usedAt: deps.clock.now(),
    });
    // docs/api.md §9: a verified person joins a new scope without repeating the check (flow-steps.ts).
    return bindPasskeyStep(tx, session, human, {
      info,
      attachment: response.authenticatorAttachment,
      returningCredential: true,
      doneAt: deps.clock.now(),
    });
  });
}
