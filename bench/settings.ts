// The benchmark's knobs, read once from the environment. Durations are configurable; `BENCH_QUICK=1`
// runs every row in a few minutes (1 round, 1 s warm-up, 3 s measured), for a smoke run or a
// first look. The defaults are the real run. Each explicit setting wins over the quick one.
import { z } from 'zod';

const seconds = (fallback: number, min: number, max: number) =>
  z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce.number().int().min(min).max(max).default(fallback),
  );

const envSchema = z.object({
  BENCH_QUICK: z.enum(['', '0', '1']).default(''),
  BENCH_DURATION_SECONDS: z.string().optional(),
  BENCH_WARMUP_SECONDS: z.string().optional(),
  BENCH_ROUNDS: z.string().optional(),
  /** PostgreSQL on which throwaway databases are created and dropped; `none` skips those rows. */
  BENCH_DATABASE_URL: z.string().default('postgres://postgres@127.0.0.1:5432/postgres'),
  /** Only the HTTP scenarios whose name contains this (and the baseline); the other rows are skipped. */
  BENCH_ONLY: z.string().optional(),
  /** Where the POY server children write V8 CPU profiles (`--cpu-prof`), for bench/cpu-profile-summary.ts. */
  BENCH_CPU_PROFILE_DIR: z.string().optional(),
});

const quick = z.object({
  BENCH_DURATION_SECONDS: seconds(3, 1, 600),
  BENCH_WARMUP_SECONDS: seconds(1, 0, 60),
  BENCH_ROUNDS: seconds(1, 1, 9),
});

const full = z.object({
  BENCH_DURATION_SECONDS: seconds(10, 1, 600),
  BENCH_WARMUP_SECONDS: seconds(3, 0, 60),
  // Two rounds at least: the machine is noisy, so we interleave servers and take medians.
  BENCH_ROUNDS: seconds(2, 1, 9),
});

export interface BenchSettings {
  measuredSeconds: number;
  warmupSeconds: number;
  rounds: number;
  connections: number;
  pipelining: number;
  quick: boolean;
  /** Null when the PostgreSQL rows are skipped. */
  postgresUrl: string | null;
  /** Null for every row. */
  only: string | null;
  cpuProfileDir: string | null;
}

export function loadSettings(env: Record<string, string | undefined>): BenchSettings {
  const mode = envSchema.safeParse(env);
  const isQuick = mode.success && mode.data.BENCH_QUICK === '1';
  const parsed = (isQuick ? quick : full).safeParse(env);
  if (!mode.success || !parsed.success) {
    const issues = [...(mode.error?.issues ?? []), ...(parsed.error?.issues ?? [])];
    const problems = issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid benchmark settings:\n  ${problems.join('\n  ')}`);
  }
  return {
    measuredSeconds: parsed.data.BENCH_DURATION_SECONDS,
    // A warm-up longer than the measured run would only slow quick runs down.
    warmupSeconds: Math.min(parsed.data.BENCH_WARMUP_SECONDS, parsed.data.BENCH_DURATION_SECONDS),
    rounds: parsed.data.BENCH_ROUNDS,
    // As the issue's table measures `check`: a hundred clients at once.
    connections: 100,
    pipelining: 1,
    quick: isQuick,
    postgresUrl: mode.data.BENCH_DATABASE_URL === 'none' ? null : mode.data.BENCH_DATABASE_URL,
    only: mode.data.BENCH_ONLY || null,
    cpuProfileDir: mode.data.BENCH_CPU_PROFILE_DIR || null,
  };
}
