// A member signing in with their passkey, without typing a name (a discoverable credential). Threats
// and answers:
// - A replayed assertion: the challenge is single-use and expires (core/webauthn/challenges.ts).
// - Another member's credential, or a forged user handle: the credential is looked up by id and the
//   user handle the authenticator returns must be its owner's (WebAuthn §7.2 step 6).
// - A cloned authenticator: the signature counter must increase (§6.1.1); the row is locked so two
//   sign-ins with the same counter are checked one after the other.
// - A removed member: refused, whatever their passkey says.
// Each sign-in opens a new session (rotation) and records `member.signed_in` in the same transaction.
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { generateAuthenticationOptions, verifyAuthenticationResponse } from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import type { Member } from '../../store/store.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { consumeWebauthnChallenge, issueWebauthnChallenge } from '../webauthn/challenges.ts';
import { type OpenedMemberSession, openMemberSession } from './member-sessions.ts';
import {
  deriveMemberHandle,
  failCeremony,
  MEMBER_CEREMONY_TIMEOUT_MS,
  type MemberAuthDeps,
  type MemberCeremonyResult,
  memberHandlesEqual,
} from './member-webauthn.ts';

export async function createMemberAuthenticationOptions(
  deps: MemberAuthDeps,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  // No allowCredentials: the browser offers the member's discoverable passkeys for this RP.
  const options = await generateAuthenticationOptions({
    rpID: deps.webauthn.rpId,
    userVerification: 'required',
    timeout: MEMBER_CEREMONY_TIMEOUT_MS,
  });
  await issueWebauthnChallenge(deps, {
    purpose: 'member_authentication',
    challenge: options.challenge,
    projectId: null,
    payload: {},
  });
  return options;
}

export interface SignedInMemberSession {
  member: Member;
  session: OpenedMemberSession;
}

export async function verifyMemberAuthentication(
  deps: MemberAuthDeps,
  input: { response: AuthenticationResponseJSON; userAgent: string; ip: string | null },
): Promise<MemberCeremonyResult<SignedInMemberSession>> {
  const { response } = input;
  const issued = await consumeWebauthnChallenge(deps, {
    purpose: 'member_authentication',
    clientDataJSON: response.response.clientDataJSON,
  });
  if (!issued) return failCeremony('challenge_invalid');
  return deps.store.transaction(async (tx): Promise<MemberCeremonyResult<SignedInMemberSession>> => {
    const passkey = await tx.findMemberPasskey(response.id, { forUpdate: true });
    if (!passkey) return failCeremony('passkey_unknown');
    const member = await tx.findMemberById(passkey.memberId);
    if (!member || member.removedAt !== null) return failCeremony('member_removed');
    // WebAuthn §7.2 step 6: nobody was named before this ceremony, so the user handle must be given
    // and must be the credential owner's.
    const userHandle = response.response.userHandle;
    if (
      userHandle === undefined ||
      !memberHandlesEqual(userHandle, deriveMemberHandle(deps.secrets, member.id))
    ) {
      return failCeremony('user_handle_invalid');
    }
    let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
    try {
      // WebAuthn §7.2 steps 11–22: type, challenge, origin, RP id hash, UP and UV flags, signature and
      // the signature counter.
      verification = await verifyAuthenticationResponse({
        response,
        expectedChallenge: issued.challenge,
        expectedOrigin: deps.webauthn.origin,
        expectedRPID: deps.webauthn.rpId,
        credential: {
          id: passkey.credentialId,
          publicKey: isoBase64URL.toBuffer(passkey.publicKeyBase64Url),
          counter: passkey.signCount,
        },
        requireUserVerification: true,
      });
    } catch {
      return failCeremony('passkey_invalid');
    }
    if (!verification.verified) return failCeremony('passkey_invalid');
    const now = deps.clock.now();
    await tx.recordMemberPasskeyUse({
      credentialId: passkey.credentialId,
      signCount: verification.authenticationInfo.newCounter,
      backedUp: verification.authenticationInfo.credentialBackedUp,
      usedAt: now,
    });
    const session = await openMemberSession(tx, deps, { memberId: member.id, userAgent: input.userAgent });
    await recordAuditEvent(
      tx,
      deps.clock,
      { kind: 'member', memberId: member.id, displayName: member.displayName, ip: input.ip },
      {
        accountId: member.accountId,
        action: 'member.signed_in',
        target: { kind: 'member', id: member.id },
        details: { method: 'passkey' },
      },
    );
    return { ok: true, value: { member, session } };
  });
}
