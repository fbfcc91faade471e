// The benchmark's knobs, read once from the environment. Durations are configurable so a quick
// smoke run (`BENCH_DURATION_SECONDS=3 npm run bench`) is possible; the defaults are the real run.
import { z } from 'zod';

const seconds = (fallback: number, min: number, max: number) =>
  z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce.number().int().min(min).max(max).default(fallback),
  );

const envSchema = z.object({
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
}

export function loadSettings(env: Record<string, string | undefined>): BenchSettings {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid benchmark settings:\n  ${problems.join('\n  ')}`);
  }
  return {
    measuredSeconds: parsed.data.BENCH_DURATION_SECONDS,
    // A warm-up longer than the measured run would only slow quick runs down.
    warmupSeconds: Math.min(parsed.data.BENCH_WARMUP_SECONDS, parsed.data.BENCH_DURATION_SECONDS),
    rounds: parsed.data.BENCH_ROUNDS,
    connections: 50,
    pipelining: 1,
  };
}
