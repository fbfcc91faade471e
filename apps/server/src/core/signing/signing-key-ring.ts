// Placeholder interface, filled in by the signing work (see the lead's brief): the deployment's ES256
// keys for stamps and session tokens.
import type { Store } from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import type { ServerSecrets } from '../secrets.ts';

export interface SigningKeyRing {
  close(): void;
}

export function createSigningKeyRing(_deps: { store: Store; clock: Clock; secrets: ServerSecrets }): SigningKeyRing {
  return { close() {} };
}
