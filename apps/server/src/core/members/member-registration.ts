// A person opening a one-time link names themself and registers a passkey; that makes them a member
// (with the account and role the link fixes), consumes the link and signs them in. Threats and answers:
// - A replayed or redirected registration: the single-use challenge must have been issued for this
//   link (WebAuthn §7.1 step 8), and origin, RP id and user verification are checked (§7.1).
// - The link used twice, even by two racing browsers: the member, the passkey and the link's
//   consumption commit in one transaction, and consuming succeeds once.
// - A passkey that cannot sign in later without a user name: the credential must be discoverable
//   (residentKey required) and user verification is required.
import type {
  PublicKeyCredentialCreationOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { generateRegistrationOptions, verifyRegistrationResponse } from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { z } from 'zod';
import type { Member } from '../../store/store.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { createId } from '../ids.ts';
import { consumeWebauthnChallenge, issueWebauthnChallenge } from '../webauthn/challenges.ts';
import { findUsableMemberLink, type LinkFailure } from './member-links.ts';
import { type OpenedMemberSession, openMemberSession } from './member-sessions.ts';
import {
  deriveMemberHandle,
  failCeremony,
  MEMBER_ALGORITHM_IDS,
  MEMBER_CEREMONY_TIMEOUT_MS,
  type MemberAuthDeps,
  type MemberCeremonyResult,
} from './member-webauthn.ts';

const registrationPayload = z.object({
  linkId: z.string(),
  memberId: z.string(),
  displayName: z.string().min(1).max(100),
});

/** Thrown inside the transaction to roll it back; turned into a failure outside. */
class RegistrationAbort extends Error {
  readonly reason: 'link_used' | 'credential_exists';
  constructor(reason: 'link_used' | 'credential_exists') {
    super(reason);
    this.reason = reason;
  }
}

/** Creation options for the link's new member; the member id is chosen now and kept in the challenge. */
export async function createMemberRegistrationOptions(
  deps: MemberAuthDeps,
  input: { token: string; displayName: string },
): Promise<MemberCeremonyResult<PublicKeyCredentialCreationOptionsJSON>> {
  const usable = await findUsableMemberLink(deps, input.token);
  if (!usable.ok) return failCeremony(usable.reason);
  const memberId = createId('mem');
  const options = await generateRegistrationOptions({
    rpName: deps.webauthn.rpName,
    rpID: deps.webauthn.rpId,
    userName: input.displayName,
    userDisplayName: input.displayName,
    userID: isoBase64URL.toBuffer(deriveMemberHandle(deps.secrets, memberId)),
    attestationType: 'none',
    // Discoverable, so /login needs no user name; user verification makes the passkey two factors.
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    supportedAlgorithmIDs: MEMBER_ALGORITHM_IDS,
    timeout: MEMBER_CEREMONY_TIMEOUT_MS,
  });
  await issueWebauthnChallenge(deps, {
    purpose: 'member_registration',
    challenge: options.challenge,
    projectId: null,
    payload: { linkId: usable.link.id, memberId, displayName: input.displayName },
  });
  return { ok: true, value: options };
}

export interface RegisteredMember {
  member: Member;
  session: OpenedMemberSession;
}

export async function verifyMemberRegistration(
  deps: MemberAuthDeps,
  input: { token: string; response: RegistrationResponseJSON; userAgent: string; ip: string | null },
): Promise<MemberCeremonyResult<RegisteredMember>> {
  const usable = await findUsableMemberLink(deps, input.token);
  if (!usable.ok) return failCeremony(usable.reason);
  const { link } = usable;
  const issued = await consumeWebauthnChallenge(deps, {
    purpose: 'member_registration',
    clientDataJSON: input.response.response.clientDataJSON,
  });
  const payload = registrationPayload.safeParse(issued?.payload);
  // WebAuthn §7.1 step 8: the challenge must be the one issued for this link.
  if (!issued || !payload.success || payload.data.linkId !== link.id)
    return failCeremony('challenge_invalid');
  let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    // WebAuthn §7.1: type, challenge, origin, RP id hash, UP and (required) UV flags, algorithm.
    verification = await verifyRegistrationResponse({
      response: input.response,
      expectedChallenge: issued.challenge,
      expectedOrigin: deps.webauthn.origin,
      expectedRPID: deps.webauthn.rpId,
      requireUserVerification: true,
      supportedAlgorithmIDs: MEMBER_ALGORITHM_IDS,
    });
  } catch {
    return failCeremony('passkey_invalid');
  }
  if (!verification.verified) return failCeremony('passkey_invalid');
  const info = verification.registrationInfo;
  const { memberId, displayName } = payload.data;
  const now = deps.clock.now();
  try {
    const registered = await deps.store.transaction(async (tx): Promise<RegisteredMember> => {
      const member = await tx.insertMember({
        id: memberId,
        accountId: link.accountId,
        role: link.role,
        displayName,
        createdAt: now,
        removedAt: null,
      });
      if (!(await tx.consumeMemberLink({ id: link.id, memberId, now }))) {
        throw new RegistrationAbort('link_used');
      }
      // WebAuthn §7.1 step 26: a credential id already registered is refused.
      const passkey = await tx.insertMemberPasskey({
        credentialId: info.credential.id,
        memberId,
        publicKeyBase64Url: isoBase64URL.fromBuffer(info.credential.publicKey),
        signCount: info.credential.counter,
        transports: info.credential.transports ?? input.response.response.transports ?? [],
        deviceType: info.credentialDeviceType,
        backedUp: info.credentialBackedUp,
        createdAt: now,
        lastUsedAt: null,
      });
      if (!passkey) throw new RegistrationAbort('credential_exists');
      const session = await openMemberSession(tx, deps, { memberId, userAgent: input.userAgent });
      await recordAuditEvent(
        tx,
        deps.clock,
        { kind: 'member', memberId, displayName, ip: input.ip },
        {
          accountId: link.accountId,
          action: 'member.signed_in',
          target: { kind: 'member', id: memberId },
          details: { method: 'link', role: link.role },
        },
      );
      return { member, session };
    });
    return { ok: true, value: registered };
  } catch (error) {
    if (error instanceof RegistrationAbort) return failCeremony(error.reason);
    throw error;
  }
}

export type { LinkFailure };
