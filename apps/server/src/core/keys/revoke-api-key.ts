import type { ApiKey, KeyMode, Store } from '../../store/store.ts';
import { type AuditActor, recordAuditEvent } from '../audit/record-audit-event.ts';
import type { Clock } from '../clock.ts';

export type RevokeApiKeyResult =
  | { ok: true; apiKey: ApiKey }
  | { ok: false; reason: 'not_found' | 'already_revoked' };

/**
 * Revokes a key; with `projectId`, only a key of that project, and with `mode`, only one of that mode
 * (tenant and mode isolation: any other key is `not_found`, exactly like an unknown id). The store
 * announces the revocation, so every process refuses the key from its next request. With an `actor`,
 * the `api_key.revoked` audit event is written in the same transaction.
 */
export async function revokeApiKey(
  deps: { store: Store; clock: Clock },
  input: { keyId: string; projectId: string | null; mode?: KeyMode; actor?: AuditActor },
): Promise<RevokeApiKeyResult> {
  return deps.store.transaction(async (tx): Promise<RevokeApiKeyResult> => {
    const existing = await tx.findApiKeyById(input.keyId);
    if (
      !existing ||
      (input.projectId !== null && existing.projectId !== input.projectId) ||
      (input.mode !== undefined && existing.mode !== input.mode)
    ) {
      return { ok: false, reason: 'not_found' };
    }
    const revoked = await tx.revokeApiKey({
      keyId: existing.id,
      projectId: existing.projectId,
      revokedAt: deps.clock.now(),
    });
    if (!revoked) return { ok: false, reason: 'already_revoked' };
    if (input.actor !== undefined) {
      const project = await tx.findProjectById(revoked.projectId);
      if (project) {
        await recordAuditEvent(tx, deps.clock, input.actor, {
          accountId: project.accountId,
          projectId: project.id,
          mode: revoked.mode,
          action: 'api_key.revoked',
          target: { kind: 'api_key', id: revoked.id },
          details: { name: revoked.name, displayPrefix: revoked.displayPrefix },
        });
      }
    }
    return { ok: true, apiKey: revoked };
  });
}
