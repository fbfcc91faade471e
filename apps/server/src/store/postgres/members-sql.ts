// Members of an account, their passkeys and their one-time links.
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { Member, MemberLink, MemberPasskey, MembersStore } from '../types/members.ts';
import type { MemberLinksTable, MemberPasskeysTable, MembersTable } from './schema.ts';
import type { SqlScope } from './sql-scope.ts';
import { stringArraySchema } from './sql-values.ts';

const roleSchema = z.enum(['owner', 'admin', 'developer', 'viewer']);
const linkKindSchema = z.enum(['first_owner', 'invite']);

export function createMembersOperations({ db }: SqlScope): MembersStore {
  return {
    async insertMember(member) {
      const row = await db
        .insertInto('members')
        .values({
          id: member.id,
          account_id: member.accountId,
          role: member.role,
          display_name: member.displayName,
          created_at: member.createdAt,
          removed_at: member.removedAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toMember(row);
    },

    async findMemberById(id) {
      const row = await db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toMember(row) : null;
    },

    async listMembersByAccount(accountId, options = {}) {
      let query = db.selectFrom('members').selectAll().where('account_id', '=', accountId);
      if (!options.includeRemoved) query = query.where('removed_at', 'is', null);
      const rows = await query.orderBy('created_at').orderBy('id').execute();
      return rows.map(toMember);
    },

    async countActiveMembers() {
      const row = await db
        .selectFrom('members')
        .select((eb) => eb.fn.countAll<string | number | bigint>().as('count'))
        .where('removed_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    async findOldestAccountId() {
      const row = await db
        .selectFrom('accounts')
        .select('id')
        .orderBy('created_at')
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      return row?.id ?? null;
    },

    async updateMemberRole(id, role) {
      const row = await db
        .updateTable('members')
        .set({ role })
        .where('id', '=', id)
        .where('removed_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      return row ? toMember(row) : null;
    },

    async removeMember(id, at) {
      const row = await db
        .updateTable('members')
        .set({ removed_at: at })
        .where('id', '=', id)
        .where('removed_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      if (!row) return null;
      await db
        .updateTable('dashboard_sessions')
        .set({ revoked_at: at })
        .where('member_id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
      return toMember(row);
    },

    async insertMemberPasskey(passkey) {
      const row = await db
        .insertInto('member_passkeys')
        .values({
          credential_id: passkey.credentialId,
          member_id: passkey.memberId,
          public_key: passkey.publicKeyBase64Url,
          sign_count: passkey.signCount,
          transports: JSON.stringify(passkey.transports),
          device_type: passkey.deviceType,
          backed_up: passkey.backedUp,
          created_at: passkey.createdAt,
          last_used_at: passkey.lastUsedAt,
        })
        .onConflict((conflict) => conflict.doNothing())
        .returningAll()
        .executeTakeFirst();
      return row ? toMemberPasskey(row) : null;
    },

    async findMemberPasskey(credentialId, options = {}) {
      const query = db.selectFrom('member_passkeys').selectAll().where('credential_id', '=', credentialId);
      const row = await (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
      return row ? toMemberPasskey(row) : null;
    },

    async listMemberPasskeys(memberId) {
      const rows = await db
        .selectFrom('member_passkeys')
        .selectAll()
        .where('member_id', '=', memberId)
        .orderBy('created_at')
        .execute();
      return rows.map(toMemberPasskey);
    },

    async recordMemberPasskeyUse({ credentialId, signCount, backedUp, usedAt }) {
      await db
        .updateTable('member_passkeys')
        .set({ sign_count: signCount, backed_up: backedUp, last_used_at: usedAt })
        .where('credential_id', '=', credentialId)
        .execute();
    },

    async insertMemberLink(link) {
      const row = await db
        .insertInto('member_links')
        .values({
          id: link.id,
          account_id: link.accountId,
          kind: link.kind,
          role: link.role,
          display_name: link.displayName,
          token_hash: link.tokenHashHex,
          created_by: link.createdBy,
          created_at: link.createdAt,
          expires_at: link.expiresAt,
          consumed_at: null,
          consumed_by: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toMemberLink(row);
    },

    async findMemberLinkByTokenHash(tokenHashHex) {
      const row = await db
        .selectFrom('member_links')
        .selectAll()
        .where('token_hash', '=', tokenHashHex)
        .executeTakeFirst();
      return row ? { ...toMemberLink(row), tokenHashHex: row.token_hash } : null;
    },

    async consumeMemberLink({ id, memberId, now }) {
      // One UPDATE with the conditions in its WHERE: of concurrent callers exactly one matches the row.
      const result = await db
        .updateTable('member_links')
        .set({ consumed_at: now, consumed_by: memberId })
        .where('id', '=', id)
        .where('consumed_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async listOpenMemberLinks(accountId, now) {
      const rows = await db
        .selectFrom('member_links')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('consumed_at', 'is', null)
        .where('expires_at', '>', now)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toMemberLink);
    },
  };
}

export function toMember(row: Selectable<MembersTable>): Member {
  return {
    id: row.id,
    accountId: row.account_id,
    role: roleSchema.parse(row.role),
    displayName: row.display_name,
    createdAt: row.created_at,
    removedAt: row.removed_at,
  };
}

function toMemberPasskey(row: Selectable<MemberPasskeysTable>): MemberPasskey {
  return {
    credentialId: row.credential_id,
    memberId: row.member_id,
    publicKeyBase64Url: row.public_key,
    signCount: Number(row.sign_count),
    transports: stringArraySchema.parse(row.transports),
    deviceType: z.enum(['singleDevice', 'multiDevice']).parse(row.device_type),
    backedUp: row.backed_up,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}

function toMemberLink(row: Selectable<MemberLinksTable>): MemberLink {
  return {
    id: row.id,
    accountId: row.account_id,
    kind: linkKindSchema.parse(row.kind),
    role: roleSchema.parse(row.role),
    displayName: row.display_name,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    consumedAt: row.consumed_at,
    consumedBy: row.consumed_by,
  };
}
