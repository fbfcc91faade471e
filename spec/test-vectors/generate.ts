// Writes the shared test vectors (webhook-signatures.json, stamps.json, session-tokens.json,
// redirect-results.json) and their SHA256SUMS. The server, the TypeScript SDK and the Python SDK all run them; any implementation of
// these formats can. This script builds every byte from the specification with node:crypto alone, not
// with the code under test, so the vectors are a second, independent statement of the formats.
// Deterministic: fixed keys, secrets and times, and committed ECDSA signatures reused (generator/signing.ts),
// so running the script again rewrites the same files. `--check` compares instead of writing (exit 1 on a
// difference): packages/wire's tests run it.
//   node --import tsx spec/test-vectors/generate.ts [--check]
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { redirectVectors } from './generator/redirect-cases.ts';
import { sessionVectors } from './generator/session-cases.ts';
import { VECTOR_DIR, VECTOR_FILES } from './generator/signing.ts';
import { stampVectors } from './generator/stamp-cases.ts';
import { webhookVectors } from './generator/webhook-cases.ts';

const outputs: Record<(typeof VECTOR_FILES)[number], unknown> = {
  'webhook-signatures.json': webhookVectors(),
  'stamps.json': stampVectors(),
  'session-tokens.json': sessionVectors(),
  'redirect-results.json': redirectVectors(),
};
const texts = new Map<string, string>();
for (const file of VECTOR_FILES) texts.set(file, `${JSON.stringify(outputs[file], null, 2)}\n`);
const sums = VECTOR_FILES.map((file) => {
  const text = texts.get(file) ?? '';
  return `${createHash('sha256').update(text, 'utf8').digest('hex')}  ${file}\n`;
}).join('');
texts.set('SHA256SUMS', sums);

if (process.argv.includes('--check')) {
  const stale = [...texts].filter(([file, text]) => {
    const path = join(VECTOR_DIR, file);
    return !existsSync(path) || readFileSync(path, 'utf8') !== text;
  });
  for (const [file] of stale)
    process.stderr.write(`spec/test-vectors/${file} is not what generate.ts writes\n`);
  process.exit(stale.length === 0 ? 0 : 1);
}
for (const [file, text] of texts) writeFileSync(join(VECTOR_DIR, file), text);
process.stdout.write(`Wrote ${[...texts.keys()].join(', ')} in spec/test-vectors/.\n`);
