// Dashboard members, their passkeys and one-time links, and dashboard sessions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createId } from '../../src/core/ids.ts';
import type { Member, MemberPasskey, NewMemberLink, Store } from '../../src/store/store.ts';
import { at, createTenant, LARGE_SIGN_COUNT, RACERS, randomHashHex } from './fixtures.ts';
import type { SuiteContext } from './suite-context.ts';

function newMember(accountId: string, overrides: Partial<Member> = {}): Member {
  return {
    id: createId('mem'),
    accountId,
    role: 'developer',
    displayName: 'Ada Lovelace',
    createdAt: at(0),
    removedAt: null,
    ...overrides,
  };
}

function newLink(accountId: string, overrides: Partial<NewMemberLink> = {}): NewMemberLink {
  return {
    id: createId('mlk'),
    accountId,
    kind: 'invite',
    role: 'viewer',
    displayName: 'Grace',
    tokenHashHex: randomHashHex(),
    createdBy: null,
    createdAt: at(0),
    expiresAt: at(3_600),
    ...overrides,
  };
}

function newPasskey(memberId: string, overrides: Partial<MemberPasskey> = {}): MemberPasskey {
  return {
    credentialId: createId('ch'),
    memberId,
    publicKeyBase64Url: 'pQECAyYgASFYIA',
    signCount: 0,
    transports: ['internal'],
    deviceType: 'multiDevice',
    backedUp: true,
    createdAt: at(0),
    lastUsedAt: null,
    ...overrides,
  };
}

async function memberOfNewAccount(store: Store, overrides: Partial<Member> = {}) {
  const { account } = await createTenant(store);
  const member = await store.insertMember(newMember(account.id, overrides));
  return { account, member };
}

export function describeMembers({ store }: SuiteContext): void {
  describe('dashboard members', () => {
    it('keeps every field; lists an account’s members oldest first, removed ones only when asked', async () => {
      const { account } = await createTenant(store());
      const other = await createTenant(store());
      const first = await store().insertMember(newMember(account.id, { role: 'owner', createdAt: at(1) }));
      const second = await store().insertMember(newMember(account.id, { createdAt: at(2) }));
      await store().insertMember(newMember(other.account.id));
      assert.deepEqual(await store().findMemberById(first.id), first);
      assert.equal(await store().findMemberById(createId('mem')), null);
      assert.deepEqual(await store().listMembersByAccount(account.id), [first, second]);

      const removed = await store().removeMember(second.id, at(5));
      assert.deepEqual(removed, { ...second, removedAt: at(5) });
      assert.equal(await store().removeMember(second.id, at(6)), null, 'removed once');
      assert.deepEqual(await store().listMembersByAccount(account.id), [first]);
      assert.deepEqual(await store().listMembersByAccount(account.id, { includeRemoved: true }), [
        first,
        { ...second, removedAt: at(5) },
      ]);
    });

    it('changes the role of a member not removed', async () => {
      const { member } = await memberOfNewAccount(store());
      assert.deepEqual(await store().updateMemberRole(member.id, 'admin'), { ...member, role: 'admin' });
      await store().removeMember(member.id, at(1));
      assert.equal(await store().updateMemberRole(member.id, 'owner'), null);
      assert.equal(await store().updateMemberRole(createId('mem'), 'owner'), null);
    });

    it('counts members not removed across the deployment, and finds the oldest account', async () => {
      const before = await store().countActiveMembers();
      const { member } = await memberOfNewAccount(store());
      assert.equal(await store().countActiveMembers(), before + 1);
      await store().removeMember(member.id, at(1));
      assert.equal(await store().countActiveMembers(), before);
      const oldest = await store().findOldestAccountId();
      assert.ok(oldest);
      const found = await store().findAccountById(oldest);
      assert.ok(found && found.createdAt.getTime() <= at(0).getTime());
    });

    it('keeps passkeys with counters above 2^31, refuses a credential id twice, records a use', async () => {
      const { member } = await memberOfNewAccount(store());
      const passkey = newPasskey(member.id, { signCount: LARGE_SIGN_COUNT });
      assert.deepEqual(await store().insertMemberPasskey(passkey), passkey);
      const { member: other } = await memberOfNewAccount(store());
      assert.equal(await store().insertMemberPasskey({ ...passkey, memberId: other.id }), null);
      assert.deepEqual(await store().findMemberPasskey(passkey.credentialId, { forUpdate: true }), passkey);
      assert.equal(await store().findMemberPasskey('nope'), null);
      await store().recordMemberPasskeyUse({
        credentialId: passkey.credentialId,
        signCount: LARGE_SIGN_COUNT + 1,
        backedUp: false,
        usedAt: at(9),
      });
      assert.deepEqual(await store().listMemberPasskeys(member.id), [
        { ...passkey, signCount: LARGE_SIGN_COUNT + 1, backedUp: false, lastUsedAt: at(9) },
      ]);
    });

    it('finds a link by its digest and consumes it once, only before it expires', async () => {
      const { account } = await createTenant(store());
      const member = await store().insertMember(newMember(account.id));
      const input = newLink(account.id, { createdBy: member.id, kind: 'first_owner', displayName: null });
      const { tokenHashHex, ...fields } = input;
      const link = await store().insertMemberLink(input);
      assert.deepEqual(link, { ...fields, consumedAt: null, consumedBy: null });
      assert.deepEqual(await store().findMemberLinkByTokenHash(tokenHashHex), { ...link, tokenHashHex });
      assert.equal(await store().findMemberLinkByTokenHash(randomHashHex()), null);

      const expired = await store().insertMemberLink(newLink(account.id, { expiresAt: at(10) }));
      assert.equal(
        await store().consumeMemberLink({ id: expired.id, memberId: member.id, now: at(10) }),
        false,
      );

      assert.equal(await store().consumeMemberLink({ id: link.id, memberId: member.id, now: at(5) }), true);
      assert.equal(await store().consumeMemberLink({ id: link.id, memberId: member.id, now: at(6) }), false);
      assert.deepEqual(await store().findMemberLinkByTokenHash(tokenHashHex), {
        ...link,
        consumedAt: at(5),
        consumedBy: member.id,
        tokenHashHex,
      });
    });

    it(`lets exactly one of ${RACERS} racing registrations consume a link`, async () => {
      const { account } = await createTenant(store());
      const link = await store().insertMemberLink(newLink(account.id));
      const members = await Promise.all(
        Array.from({ length: RACERS }, () => store().insertMember(newMember(account.id))),
      );
      const outcomes = await Promise.all(
        members.map((member) => store().consumeMemberLink({ id: link.id, memberId: member.id, now: at(1) })),
      );
      assert.equal(outcomes.filter(Boolean).length, 1);
    });

    it('lists an account’s open invites newest first', async () => {
      const { account } = await createTenant(store());
      const member = await store().insertMember(newMember(account.id));
      const older = await store().insertMemberLink(newLink(account.id, { createdAt: at(1) }));
      const newer = await store().insertMemberLink(newLink(account.id, { createdAt: at(2), role: 'admin' }));
      const used = await store().insertMemberLink(newLink(account.id, { createdAt: at(3) }));
      await store().insertMemberLink(newLink(account.id, { createdAt: at(4), expiresAt: at(50) }));
      await store().consumeMemberLink({ id: used.id, memberId: member.id, now: at(5) });
      const open = await store().listOpenMemberLinks(account.id, at(100));
      assert.deepEqual(
        open.map((link) => link.id),
        [newer.id, older.id],
      );
    });
  });

  describe('dashboard sessions', () => {
    async function openSession(memberId: string, overrides: { createdAt?: Date } = {}) {
      const tokenHashHex = randomHashHex();
      const createdAt = overrides.createdAt ?? at(0);
      const session = await store().insertDashboardSession({
        id: createId('dse'),
        memberId,
        tokenHashHex,
        userAgent: 'Firefox on Linux',
        createdAt,
        lastSeenAt: createdAt,
      });
      return { session, tokenHashHex };
    }

    it('finds a session by its digest with its member and account name', async () => {
      const { account, member } = await memberOfNewAccount(store());
      const { session, tokenHashHex } = await openSession(member.id);
      assert.deepEqual(session, {
        id: session.id,
        memberId: member.id,
        userAgent: 'Firefox on Linux',
        createdAt: at(0),
        lastSeenAt: at(0),
        revokedAt: null,
      });
      assert.deepEqual(await store().findDashboardSessionByTokenHash(tokenHashHex), {
        session: { ...session, tokenHashHex },
        member,
        accountName: account.name,
      });
      assert.equal(await store().findDashboardSessionByTokenHash(randomHashHex()), null);
    });

    it('moves last_seen_at only forward, and revokes one session or all of a member’s', async () => {
      const { member } = await memberOfNewAccount(store());
      const first = await openSession(member.id, { createdAt: at(1) });
      const second = await openSession(member.id, { createdAt: at(2) });
      const third = await openSession(member.id, { createdAt: at(3) });
      await store().touchDashboardSession(first.session.id, at(60));
      await store().touchDashboardSession(first.session.id, at(30));
      const touched = await store().findDashboardSessionByTokenHash(first.tokenHashHex);
      assert.equal(touched?.session.lastSeenAt.getTime(), at(60).getTime());

      const listed = await store().listDashboardSessions(member.id, { createdAfter: at(0) });
      assert.deepEqual(
        listed.map((session) => session.id),
        [third.session.id, second.session.id, first.session.id],
      );
      const recent = await store().listDashboardSessions(member.id, { createdAfter: at(1) });
      assert.equal(recent.length, 2);

      assert.equal(await store().revokeDashboardSession(second.session.id, at(70)), true);
      assert.equal(await store().revokeDashboardSession(second.session.id, at(71)), false);
      assert.equal(await store().revokeMemberDashboardSessions(member.id, at(80)), 2);
      assert.deepEqual(await store().listDashboardSessions(member.id, { createdAfter: at(0) }), []);
      const revoked = await store().findDashboardSessionByTokenHash(second.tokenHashHex);
      assert.equal(revoked?.session.revokedAt?.getTime(), at(70).getTime());
    });

    it('removing a member revokes their sessions in the same statement', async () => {
      const { member } = await memberOfNewAccount(store());
      const { tokenHashHex } = await openSession(member.id);
      await store().removeMember(member.id, at(9));
      const found = await store().findDashboardSessionByTokenHash(tokenHashHex);
      assert.equal(found?.session.revokedAt?.getTime(), at(9).getTime());
      assert.equal(found?.member.removedAt?.getTime(), at(9).getTime());
    });
  });
}
