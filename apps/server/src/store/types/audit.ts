// The account's audit log: append-only, read newest first with filters.
import type { KeyMode } from './tenancy.ts';

/** Who made a change: a dashboard member, an API key, the CLI on the server, or the service itself. */
export type AuditActorKind = 'member' | 'api_key' | 'cli' | 'system';

export interface AuditEvent {
  id: string;
  accountId: string;
  projectId: string | null;
  mode: KeyMode | null;
  actorKind: AuditActorKind;
  /** The member id, key id, or null for the CLI and the system. */
  actorId: string | null;
  /** How the actor reads in the log (a member's name, a key's prefix, `poy` on the CLI). */
  actorLabel: string;
  /** What happened, `<thing>.<verb>` (docs/dashboard.md §8), e.g. `api_key.revoked`. */
  action: string;
  targetKind: string | null;
  targetId: string | null;
  /** Facts about the change (names, old and new values); never a secret. */
  details: Record<string, string | number | boolean | null>;
  /** The client address of the request, when the change came over HTTP. */
  ip: string | null;
  createdAt: Date;
}

export type NewAuditEvent = AuditEvent;

export interface AuditEventQuery {
  accountId: string;
  projectId?: string;
  actorKind?: AuditActorKind;
  /** Actions starting with this text (`api_key.` matches every key action). */
  actionPrefix?: string;
  since?: Date;
  until?: Date;
  /** Newest first; the page after the event with this id (keyset pagination). */
  before?: { createdAt: Date; id: string };
  limit: number;
}

export interface AuditStore {
  insertAuditEvent(event: NewAuditEvent): Promise<void>;
  listAuditEvents(query: AuditEventQuery): Promise<AuditEvent[]>;
}
