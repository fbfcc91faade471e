// `npm run bench:start`: start-up and idle memory against the bare baseline (start.ts). BENCH_ROUNDS
// sets the rounds (default 3); results go to bench/results/start.json beside the table printed here.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { measureStartRows } from './start.ts';

const rounds = z.coerce
  .number()
  .int()
  .min(1)
  .max(9)
  .default(3)
  .parse(process.env.BENCH_ROUNDS || undefined);
const rows = await measureStartRows({ rounds });
const header = '| measure | POY | baseline, same run | ratio | goal |\n|---|---|---|---|---|';
const lines = rows.map(
  (row) =>
    `| ${row.measure} | ${row.poy} | ${row.baseline} | ${row.ratio} | ${row.goal}${row.goalMet ? ' ✓' : ' ✗'} |`,
);
process.stdout.write(`${header}\n${lines.join('\n')}\n`);
const directory = fileURLToPath(new URL('./results/', import.meta.url));
await mkdir(directory, { recursive: true });
await writeFile(join(directory, '.gitignore'), '*\n');
const document = {
  finishedAt: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  rounds,
  rows,
};
await writeFile(join(directory, 'start.json'), `${JSON.stringify(document, null, 2)}\n`);
