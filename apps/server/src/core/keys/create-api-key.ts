import type { ApiKey, KeyMode, Store } from '../../store/store.ts';
import { type AuditActor, recordAuditEvent } from '../audit/record-audit-event.ts';
import type { Clock } from '../clock.ts';
import { createId } from '../ids.ts';
import { generateApiKey } from './api-key-format.ts';

export interface CreatedApiKey {
  apiKey: ApiKey;
  /** The full key. It is not stored anywhere: show it once and drop it. */
  secret: string;
}

/** What `api_keys.created_by` keeps of the actor: a member id, `cli`, `api`, or null (the system). */
export function keyCreatorOf(actor: AuditActor): string | null {
  switch (actor.kind) {
    case 'member':
      return actor.memberId;
    case 'cli':
      return 'cli';
    case 'api_key':
      return 'api';
    case 'system':
      return null;
  }
}

/**
 * Creates a key. With an `actor`, the key records its creator and the `api_key.created` audit event is
 * written in the same transaction (its details name the key, never the secret).
 */
export async function createApiKey(
  deps: { store: Store; clock: Clock },
  input: { projectId: string; mode: KeyMode; name?: string; actor?: AuditActor },
): Promise<CreatedApiKey | null> {
  const generated = generateApiKey(input.mode);
  return deps.store.transaction(async (tx) => {
    const project = await tx.findProjectById(input.projectId);
    if (!project) return null;
    const apiKey = await tx.insertApiKey({
      id: createId('key'),
      projectId: input.projectId,
      mode: input.mode,
      name: input.name ?? `${input.mode} key`,
      keyHashHex: generated.keyHashHex,
      displayPrefix: generated.displayPrefix,
      createdAt: deps.clock.now(),
      createdBy: input.actor === undefined ? null : keyCreatorOf(input.actor),
    });
    if (input.actor !== undefined) {
      await recordAuditEvent(tx, deps.clock, input.actor, {
        accountId: project.accountId,
        projectId: project.id,
        mode: apiKey.mode,
        action: 'api_key.created',
        target: { kind: 'api_key', id: apiKey.id },
        details: { name: apiKey.name, displayPrefix: apiKey.displayPrefix },
      });
    }
    return { apiKey, secret: generated.secret };
  });
}
