import type { ApiKey, KeyMode, Store } from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import { createId } from '../ids.ts';
import { generateApiKey } from './api-key-format.ts';

export interface CreatedApiKey {
  apiKey: ApiKey;
  /** The full key. It is not stored anywhere: show it once and drop it. */
  secret: string;
}

export async function createApiKey(
  deps: { store: Store; clock: Clock },
  input: { projectId: string; mode: KeyMode; name?: string },
): Promise<CreatedApiKey | null> {
  if (!(await deps.store.findProjectById(input.projectId))) return null;
  const generated = generateApiKey(input.mode);
  const apiKey = await deps.store.insertApiKey({
    id: createId('key'),
    projectId: input.projectId,
    mode: input.mode,
    name: input.name ?? `${input.mode} key`,
    keyHashHex: generated.keyHashHex,
    displayPrefix: generated.displayPrefix,
    createdAt: deps.clock.now(),
  });
  return { apiKey, secret: generated.secret };
}
