// `npm run bench:webhooks`: only the webhook delivery bench, on PostgreSQL with one and two workers and
// on the embedded PGlite with one, each followed by the bare receiver's ceiling in the same round.
// PostgreSQL is reached at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), on
// which a throwaway database is created and dropped per target.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunningChild } from './child-processes.ts';
import { loadSettings } from './settings.ts';
import {
  ALL_WEBHOOK_TARGETS,
  formatWebhookSection,
  runWebhookBenchmark,
  type WebhookTarget,
  webhookBudgetMilliseconds,
  writeWebhookResults,
} from './webhooks.ts';

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));
const TARGETS: readonly WebhookTarget[] = ALL_WEBHOOK_TARGETS;

function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

let receiver: RunningChild | null = null;
const settings = loadSettings(process.env);
const deadline = webhookBudgetMilliseconds(settings, TARGETS.length);
setTimeout(() => {
  log(`the webhook benchmark exceeded its ${Math.round(deadline / 1_000)} s budget`);
  void (receiver?.stop() ?? Promise.resolve()).finally(() => process.exit(1));
}, deadline).unref();

let exitCode = 0;
try {
  const summaries = await runWebhookBenchmark(settings, {
    cwd: repositoryRoot,
    log,
    onChild: (child) => {
      receiver = child;
    },
    targets: TARGETS,
    postgresUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  });
  for (const summary of summaries) process.stdout.write(`\n${formatWebhookSection(summary)}\n`);
  const path = await writeWebhookResults(join(repositoryRoot, 'bench', 'results'), settings, summaries);
  process.stdout.write(`\nResults written to ${path}\n`);
} catch (error) {
  exitCode = 1;
  log(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
}
// Exit explicitly: a stray keep-alive socket or timer must not keep the benchmark alive.
process.exit(exitCode);
