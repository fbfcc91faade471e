// Rotation: the active key(s) of a purpose are retired and a new one becomes active, in one transaction
// (so no process ever sees the purpose without an active key). Retired keys stay in the JWKS and keep
// verifying what they signed. The store announces the change, so every process reloads its keys.
// CLI: `poy signing-key rotate --purpose stamp|session|redirect`.
import type { SigningKey, SigningKeyPurpose, Store } from '../../store/store.ts';
import type { Clock } from '../clock.ts';
import type { ServerSecrets } from '../secrets.ts';
import { generateSigningKey } from './generate-signing-key.ts';

export async function rotateSigningKey(
  deps: { store: Store; clock: Clock; secrets: Pick<ServerSecrets, 'signingKeyEncryptionKey'> },
  purpose: SigningKeyPurpose,
): Promise<{ retired: number; key: SigningKey }> {
  const { record } = generateSigningKey(
    { clock: deps.clock, signingKeyEncryptionKey: deps.secrets.signingKeyEncryptionKey },
    purpose,
  );
  return deps.store.transaction(async (tx) => {
    const retired = await tx.retireSigningKeys(purpose, deps.clock.now());
    const key = await tx.insertSigningKey(record);
    return { retired, key };
  });
}
