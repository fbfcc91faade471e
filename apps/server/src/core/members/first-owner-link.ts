// The first start of a deployment with nobody who can sign in: a one-time link for the first owner of
// the first account (the demo account on a new embedded database; a new "My account" when there is
// no account at all). Every start while the deployment still has no member makes a fresh link (an
// unused one simply expires), so an operator who lost the line restarts the server for a new one.
import type { Store } from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import { createAccount } from '../tenancy/create-account.ts';
import { type CreatedMemberLink, createMemberLinkIn } from './member-links.ts';

export const FIRST_ACCOUNT_NAME = 'My account';

/** The link for the first owner, or null when the deployment already has a member. */
export async function ensureFirstOwnerLink(deps: {
  store: Store;
  clock: Clock;
  publicUrl: string;
}): Promise<CreatedMemberLink | null> {
  if ((await deps.store.countActiveMembers()) > 0) return null;
  const accountId =
    (await deps.store.findOldestAccountId()) ?? (await createAccount(deps, { name: FIRST_ACCOUNT_NAME })).id;
  return deps.store.transaction((tx) =>
    createMemberLinkIn(tx, deps, {
      accountId,
      kind: 'first_owner',
      role: 'owner',
      displayName: null,
      actor: { kind: 'system' },
    }),
  );
}
