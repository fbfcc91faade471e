import type { Account, Store } from '../../store/store.ts';
import { type AuditActor, recordAuditEvent } from '../audit/record-audit-event.ts';
import type { Clock } from '../clock.ts';
import { createId } from '../ids.ts';

/** Creates an account; its `account.created` audit event (by `actor`, the service itself unless said) goes with it. */
export async function createAccount(
  deps: { store: Store; clock: Clock },
  input: { name: string },
  actor: AuditActor = { kind: 'system' },
): Promise<Account> {
  return deps.store.transaction(async (tx) => {
    const account = await tx.insertAccount({
      id: createId('acct'),
      name: input.name,
      createdAt: deps.clock.now(),
    });
    await recordAuditEvent(tx, deps.clock, actor, {
      accountId: account.id,
      action: 'account.created',
      target: { kind: 'account', id: account.id },
      details: { name: account.name },
    });
    return account;
  });
}
