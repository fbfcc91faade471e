// The people of an account who use the dashboard, their passkeys, and the one-time links (the first
// owner's sign-in link, invites) that let a person in for the first time.

/** Mirrors core/members/member-roles.ts's MemberRole (the store does not import core). */
export type StoredMemberRole = 'owner' | 'admin' | 'developer' | 'viewer';

export interface Member {
  id: string;
  accountId: string;
  role: StoredMemberRole;
  displayName: string;
  createdAt: Date;
  /** Set when the member was removed; their sessions stop working and their links are void. */
  removedAt: Date | null;
}

export interface MemberPasskey {
  credentialId: string;
  memberId: string;
  publicKeyBase64Url: string;
  signCount: number;
  transports: string[];
  deviceType: 'singleDevice' | 'multiDevice';
  backedUp: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export type MemberLinkKind = 'first_owner' | 'invite';

export interface MemberLink {
  id: string;
  accountId: string;
  kind: MemberLinkKind;
  /** The role the person gets; fixed by the link. */
  role: StoredMemberRole;
  /** The name the inviter suggested, or null. */
  displayName: string | null;
  /** The inviting member, or null (the CLI, the first start). */
  createdBy: string | null;
  createdAt: Date;
  expiresAt: Date;
  consumedAt: Date | null;
  /** The member the link made. */
  consumedBy: string | null;
}

export interface NewMemberLink extends Omit<MemberLink, 'consumedAt' | 'consumedBy'> {
  tokenHashHex: string;
}

export interface MembersStore {
  insertMember(member: Member): Promise<Member>;
  findMemberById(id: string): Promise<Member | null>;
  /** Members of the account, oldest first; removed ones only when asked. */
  listMembersByAccount(accountId: string, options?: { includeRemoved?: boolean }): Promise<Member[]>;
  /** Members not removed, in the whole deployment (the first start creates a link when there are none). */
  countActiveMembers(): Promise<number>;
  /** The account created first (the first owner's link is for it), or null when there is none. */
  findOldestAccountId(): Promise<string | null>;
  /** Null when there is no such member or they were removed. */
  updateMemberRole(id: string, role: StoredMemberRole): Promise<Member | null>;
  /** Marks the member removed and revokes every session of theirs; null when unknown or already removed. */
  removeMember(id: string, at: Date): Promise<Member | null>;

  /** Null when the credential id is already registered (to anyone). */
  insertMemberPasskey(passkey: MemberPasskey): Promise<MemberPasskey | null>;
  findMemberPasskey(credentialId: string, options?: { forUpdate?: boolean }): Promise<MemberPasskey | null>;
  listMemberPasskeys(memberId: string): Promise<MemberPasskey[]>;
  recordMemberPasskeyUse(input: {
    credentialId: string;
    signCount: number;
    backedUp: boolean;
    usedAt: Date;
  }): Promise<void>;

  insertMemberLink(link: NewMemberLink): Promise<MemberLink>;
  /** The link with this token digest, used or not, expired or not (the caller decides), or null. */
  findMemberLinkByTokenHash(tokenHashHex: string): Promise<(MemberLink & { tokenHashHex: string }) | null>;
  /**
   * Marks the link used by `memberId`, only if it is unused and unexpired at `now`: of any number of
   * concurrent callers exactly one gets true.
   */
  consumeMemberLink(input: { id: string; memberId: string; now: Date }): Promise<boolean>;
  /** Unused, unexpired invites of the account, newest first (the team page lists them). */
  listOpenMemberLinks(accountId: string, now: Date): Promise<MemberLink[]>;
}
