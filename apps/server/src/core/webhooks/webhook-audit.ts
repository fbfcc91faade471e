// Every change to a project's webhooks (endpoint created, changed, deleted, secret rotated, delivery
// replayed, test sent) writes one audit event in the transaction that makes the change. Threat: the
// audit log leaking what it describes. Destination URLs often carry a receiver's token in their path
// or query (`/hooks/T0123/B0456/xyz`, `?token=…`), so only the host is recorded, never the URL; secrets
// and event bodies never appear.
import type { KeyMode, StoreOperations } from '../../store/store.ts';
import { type AuditActor, recordAuditEvent } from '../audit/record-audit-event.ts';
import type { Clock } from '../clock.ts';

/** Who makes a webhook change, and the account it is recorded under. */
export interface WebhookChangeAuthor {
  actor: AuditActor;
  accountId: string;
}

export type WebhookAuditAction =
  | 'webhook_endpoint.created'
  | 'webhook_endpoint.updated'
  | 'webhook_endpoint.deleted'
  | 'webhook_endpoint.secret_rotated'
  | 'webhook_endpoint.test_sent'
  | 'webhook_delivery.replayed';

/** The host of a destination URL (with its port): what the audit log may say about where events go. */
export function destinationHostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

export async function recordWebhookAudit(
  tx: Pick<StoreOperations, 'insertAuditEvent'>,
  clock: Clock,
  by: WebhookChangeAuthor,
  change: {
    projectId: string;
    mode: KeyMode;
    action: WebhookAuditAction;
    target: { kind: 'webhook_endpoint' | 'webhook_delivery' | 'connect_webhook_secret'; id: string } | null;
    details: Record<string, string | number | boolean | null>;
  },
): Promise<void> {
  await recordAuditEvent(tx, clock, by.actor, {
    accountId: by.accountId,
    projectId: change.projectId,
    mode: change.mode,
    action: change.action,
    target: change.target,
    details: change.details,
  });
}

/** Subscribed event types as the audit log shows them: `all`, or the list joined by commas. */
export function describeEventTypes(eventTypes: readonly string[]): string {
  return eventTypes.length === 0 ? 'all' : eventTypes.join(',');
}
