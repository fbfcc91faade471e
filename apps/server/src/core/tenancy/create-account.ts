import type { Account, Store } from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import { createId } from '../ids.ts';

export async function createAccount(
  deps: { store: Store; clock: Clock },
  input: { name: string },
): Promise<Account> {
  return deps.store.insertAccount({ id: createId('acct'), name: input.name, createdAt: deps.clock.now() });
}
