// Every change to an account's configuration leaves one audit event, written in the same transaction
// as the change (so there is no change without its entry and no entry without its change). Threat: the
// log becoming a second copy of what it describes. Answer: callers pass only facts named in
// `details` (names, modes, old and new values of settings), never keys, secrets or personal data;
// a key appears as its id and display prefix.
import type { AuditActorKind, KeyMode, StoreOperations } from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import { createId } from '../ids.ts';

/** Who is making a change, as the HTTP layer or the CLI knows it. */
export type AuditActor =
  | { kind: 'member'; memberId: string; displayName: string; ip: string | null }
  | { kind: 'api_key'; keyId: string; displayPrefix: string; ip: string | null }
  | { kind: 'cli' }
  | { kind: 'system' };

export interface AuditChange {
  accountId: string;
  projectId?: string | null;
  mode?: KeyMode | null;
  /** `<thing>.<verb>`, e.g. `api_key.created` (the list is in docs/dashboard.md §8). */
  action: string;
  target?: { kind: string; id: string } | null;
  details?: Record<string, string | number | boolean | null>;
}

function describeActor(actor: AuditActor): {
  kind: AuditActorKind;
  id: string | null;
  label: string;
  ip: string | null;
} {
  switch (actor.kind) {
    case 'member':
      return { kind: 'member', id: actor.memberId, label: actor.displayName, ip: actor.ip };
    case 'api_key':
      return { kind: 'api_key', id: actor.keyId, label: actor.displayPrefix, ip: actor.ip };
    case 'cli':
      return { kind: 'cli', id: null, label: 'poy (command line)', ip: null };
    case 'system':
      return { kind: 'system', id: null, label: 'POY', ip: null };
  }
}

/** Appends the event through `tx`: call it inside the transaction that makes the change. */
export async function recordAuditEvent(
  tx: Pick<StoreOperations, 'insertAuditEvent'>,
  clock: Clock,
  actor: AuditActor,
  change: AuditChange,
): Promise<void> {
  const who = describeActor(actor);
  await tx.insertAuditEvent({
    id: createId('aud'),
    accountId: change.accountId,
    projectId: change.projectId ?? null,
    mode: change.mode ?? null,
    actorKind: who.kind,
    actorId: who.id,
    actorLabel: who.label,
    action: change.action,
    targetKind: change.target?.kind ?? null,
    targetId: change.target?.id ?? null,
    details: change.details ?? {},
    ip: who.ip,
    createdAt: clock.now(),
  });
}
