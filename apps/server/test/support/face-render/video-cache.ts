// Test material only: rendered videos kept under os.tmpdir(), so a second run (or a second test
// process) copies a file instead of rendering it again.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertUnderTmpdir } from './fake-camera-video.ts';

/** Hash of everything a cached file depends on: the inputs and this directory's own source. */
export function hashInputs(parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  const dir = path.dirname(fileURLToPath(import.meta.url));
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith('.ts') && !name.endsWith('.test.ts')) hash.update(readFileSync(path.join(dir, name)));
  }
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex').slice(0, 32);
}

export async function writeThroughCache(
  filePath: string,
  key: string,
  useCache: boolean,
  write: (target: string) => Promise<void>,
): Promise<void> {
  const target = assertUnderTmpdir(filePath);
  const cacheDir = path.join(os.tmpdir(), 'poy-face-render-cache');
  mkdirSync(cacheDir, { recursive: true });
  const cached = path.join(cacheDir, `${key}.mjpeg`);
  if (!useCache || !existsSync(cached)) {
    const partial = path.join(cacheDir, `${key}.${process.pid}.partial.mjpeg`);
    await write(partial);
    renameSync(partial, cached);
  }
  copyFileSync(cached, target);
}
