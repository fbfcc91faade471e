// Runs every test file with node's test runner. Node 20 does not expand globs, so the files are
// listed here: unit tests beside the code (src/**/*.test.ts) and everything under test/.
// POY_TEST_FILTER=<substring> narrows the run.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function collect(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(path).isDirectory()) collect(path, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, path));
  }
  return out;
}

const filter = process.env.POY_TEST_FILTER;
const files = [...collect(join(root, 'src'), []), ...collect(join(root, 'test'), [])]
  .filter((file) => !filter || file.includes(filter))
  .sort();
if (files.length === 0) {
  process.stderr.write('No test files matched.\n');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${process.env.POY_TEST_CONCURRENCY ?? '2'}`,
    // A test that hangs fails after 10 minutes instead of holding CI until its limit.
    `--test-timeout=${process.env.POY_TEST_TIMEOUT_MS ?? '600000'}`,
    ...files,
  ],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
