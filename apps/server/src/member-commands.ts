// `poy member invite` and `poy member list`: people for an account's dashboard, from a shell. An invite
// is a one-time link (core/members/member-links.ts), printed once; the audit log records it as made by
// the command line.
import { print, required, UsageError, withStore } from './cli-support.ts';
import type { Config } from './config.ts';
import { systemClock } from './core/clock.ts';
import { inviteMember } from './core/members/member-links.ts';
import { isMemberRole, MEMBER_ROLES } from './core/members/member-roles.ts';

/** The one line a script (or the e2e test) reads the link from. */
export function inviteLinkLine(url: string): string {
  return `Invite link (one use, expires in 7 days): ${url}`;
}

export function inviteMemberFromFlags(
  config: Config,
  values: { account?: string | undefined; role?: string | undefined; name?: string | undefined },
): Promise<number> {
  const accountId = required(values.account, 'account');
  const role = required(values.role, 'role');
  if (!isMemberRole(role)) throw new UsageError(`--role must be one of ${MEMBER_ROLES.join(', ')}`);
  const name = values.name?.trim();
  if (name !== undefined && (name.length === 0 || name.length > 100)) {
    throw new UsageError('--name must be 1 to 100 characters');
  }
  return withStore(config, async (store) => {
    if ((await store.findAccountById(accountId)) === null) {
      process.stderr.write('No account with that id.\n');
      return 1;
    }
    const created = await inviteMember(
      { store, clock: systemClock, publicUrl: config.publicUrl },
      { accountId, role, displayName: name ?? null, actor: { kind: 'cli' } },
    );
    print(inviteLinkLine(created.url));
    return 0;
  });
}

export function listMembersFromFlags(
  config: Config,
  values: { account?: string | undefined },
): Promise<number> {
  const accountId = required(values.account, 'account');
  return withStore(config, async (store) => {
    if ((await store.findAccountById(accountId)) === null) {
      process.stderr.write('No account with that id.\n');
      return 1;
    }
    const members = await store.listMembersByAccount(accountId, { includeRemoved: true });
    for (const member of members) {
      const state = member.removedAt ? `removed ${member.removedAt.toISOString()}` : 'active';
      print(
        `${member.id}  ${member.role}  ${state}  joined ${member.createdAt.toISOString()}  ${member.displayName}`,
      );
    }
    const invites = await store.listOpenMemberLinks(accountId, systemClock.now());
    for (const invite of invites) {
      print(
        `${invite.id}  ${invite.role}  invited, expires ${invite.expiresAt.toISOString()}  ${invite.displayName ?? ''}`.trimEnd(),
      );
    }
    if (members.length === 0 && invites.length === 0) print('No members yet.');
    return 0;
  });
}
