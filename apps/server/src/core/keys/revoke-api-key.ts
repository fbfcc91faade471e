import type { ApiKey, Store } from '../../store/store.ts';
import type { Clock } from '../clock.ts';

export type RevokeApiKeyResult =
  | { ok: true; apiKey: ApiKey }
  | { ok: false; reason: 'not_found' | 'already_revoked' };

/** Revokes a key; with `projectId`, only a key of that project (tenant isolation). */
export async function revokeApiKey(
  deps: { store: Store; clock: Clock },
  input: { keyId: string; projectId: string | null },
): Promise<RevokeApiKeyResult> {
  const revoked = await deps.store.revokeApiKey({
    keyId: input.keyId,
    projectId: input.projectId,
    revokedAt: deps.clock.now(),
  });
  if (revoked) return { ok: true, apiKey: revoked };
  const existing = await deps.store.findApiKeyById(input.keyId);
  if (!existing || (input.projectId !== null && existing.projectId !== input.projectId)) {
    return { ok: false, reason: 'not_found' };
  }
  return { ok: false, reason: 'already_revoked' };
}
