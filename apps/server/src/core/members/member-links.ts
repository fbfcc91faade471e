// One-time links that let a person into an account's dashboard for the first time: the first owner's
// sign-in link (printed at the first start) and invites (`poy member invite`, the team page).
// Threats and answers:
// - A link copied from a log, a database dump or a shoulder: the token is 256 random bits and only its
//   SHA-256 digest is stored; the token is printed once, to the person who made it.
// - A link used twice (forwarded, replayed from history): using it consumes it atomically (of two
//   racing registrations exactly one wins), and it expires (invites after 7 days, the first owner's
//   link after 24 hours).
// - A link that changes what it grants: the account and role are fixed by the link, never by the
//   person opening it.
import type { MemberLink, MemberLinkKind, Store, StoreOperations } from '../../store/store.ts';
import { type AuditActor, recordAuditEvent } from '../audit/record-audit-event.ts';
import type { Clock } from '../clock.ts';
import { createId, randomBase62 } from '../ids.ts';
import { digestsEqual, hashToken } from '../token-digest.ts';
import type { MemberRole } from './member-roles.ts';

/** How long an invite works (docs/dashboard.md §1). */
export const INVITE_LINK_TTL_MS = 7 * 24 * 60 * 60_000;
/** How long the first owner's sign-in link works (docs/dashboard.md §1). */
export const FIRST_OWNER_LINK_TTL_MS = 24 * 60 * 60_000;

/** 43 base62 characters ≈ 256 random bits. */
const LINK_TOKEN_LENGTH = 43;
export const LINK_TOKEN_PATTERN = /^[0-9A-Za-z]{43}$/;

export interface CreatedMemberLink {
  link: MemberLink;
  /** Shown once; never stored. */
  token: string;
  /** `<publicUrl>/dashboard/links/<token>`. */
  url: string;
}

export function memberLinkUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/dashboard/links/${token}`;
}

/**
 * Creates a link through `tx` and records `member.invited` with it: call it inside the transaction of
 * the change (the CLI and the team page open one for just this).
 */
export async function createMemberLinkIn(
  tx: Pick<StoreOperations, 'insertMemberLink' | 'insertAuditEvent'>,
  deps: { clock: Clock; publicUrl: string },
  input: {
    accountId: string;
    kind: MemberLinkKind;
    role: MemberRole;
    displayName: string | null;
    actor: AuditActor;
  },
): Promise<CreatedMemberLink> {
  const now = deps.clock.now();
  const token = randomBase62(LINK_TOKEN_LENGTH);
  const ttlMs = input.kind === 'first_owner' ? FIRST_OWNER_LINK_TTL_MS : INVITE_LINK_TTL_MS;
  const link = await tx.insertMemberLink({
    id: createId('mlk'),
    accountId: input.accountId,
    kind: input.kind,
    role: input.role,
    displayName: input.displayName,
    tokenHashHex: hashToken(token),
    createdBy: input.actor.kind === 'member' ? input.actor.memberId : null,
    createdAt: now,
    expiresAt: new Date(now.getTime() + ttlMs),
  });
  await recordAuditEvent(tx, deps.clock, input.actor, {
    accountId: input.accountId,
    action: 'member.invited',
    target: { kind: 'member_link', id: link.id },
    details: { role: input.role, name: input.displayName, kind: input.kind },
  });
  return { link, token, url: memberLinkUrl(deps.publicUrl, token) };
}

/** An invite for the account, in a transaction of its own (the CLI; the team page calls it too). */
export async function inviteMember(
  deps: { store: Store; clock: Clock; publicUrl: string },
  input: { accountId: string; role: MemberRole; displayName: string | null; actor: AuditActor },
): Promise<CreatedMemberLink> {
  return deps.store.transaction((tx) => createMemberLinkIn(tx, deps, { ...input, kind: 'invite' }));
}

export type LinkFailure = 'link_unknown' | 'link_used' | 'link_expired';

export type UsableLink = { ok: true; link: MemberLink } | { ok: false; reason: LinkFailure };

/** The link a token opens, if it is unused and unexpired now (nothing is consumed here). */
export async function findUsableMemberLink(
  deps: { store: Pick<StoreOperations, 'findMemberLinkByTokenHash'>; clock: Clock },
  token: string,
): Promise<UsableLink> {
  if (!LINK_TOKEN_PATTERN.test(token)) return { ok: false, reason: 'link_unknown' };
  const tokenHashHex = hashToken(token);
  const found = await deps.store.findMemberLinkByTokenHash(tokenHashHex);
  // Found by an index on the digest, then compared again in constant time.
  if (!found || !digestsEqual(found.tokenHashHex, tokenHashHex)) return { ok: false, reason: 'link_unknown' };
  if (found.consumedAt !== null) return { ok: false, reason: 'link_used' };
  if (found.expiresAt.getTime() <= deps.clock.now().getTime()) return { ok: false, reason: 'link_expired' };
  const { tokenHashHex: _digest, ...link } = found;
  return { ok: true, link };
}
