// Changes to an account's team that must see every member at once (the last owner may not be demoted
// or removed), so concurrent changes to one account take turns.
import type { Member } from './members.ts';

export interface TeamStore {
  /**
   * The account's members who are not removed, oldest first, locked until the transaction ends: call
   * it inside `store.transaction`, before deciding anything from the list. Two transactions changing
   * the same account's members then run one after the other, and the second sees the first's result.
   */
  lockActiveMembers(accountId: string): Promise<Member[]>;
}
