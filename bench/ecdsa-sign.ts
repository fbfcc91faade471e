// The floor a persisted stamp is measured against: signing a stamp-sized statement with ECDSA P-256
// in node:crypto, the one step of a stamp that cannot be skipped, in this process on one core.
import { generateKeyPairSync, sign } from 'node:crypto';

const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const STATEMENT = Buffer.from(
  JSON.stringify({
    stampId: 'stmp_00000000b0b0',
    mode: 'live',
    contentHash: `sha256:${'ab'.repeat(32)}`,
    contentType: 'article',
    createdBy: 'PoY #00482A1',
    createdAt: '2026-04-07T10:00:00.000Z',
  }),
);

/** Signatures per second over `milliseconds` of signing (checked in batches, so timing is cheap). */
export function measureEcdsaSignsPerSecond(milliseconds: number): number {
  const started = performance.now();
  let signatures = 0;
  while (performance.now() - started < milliseconds) {
    for (let index = 0; index < 100; index += 1)
      sign('sha256', STATEMENT, { key: privateKey, dsaEncoding: 'ieee-p1363' });
    signatures += 100;
  }
  return signatures / ((performance.now() - started) / 1_000);
}
