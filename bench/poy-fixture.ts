// Creates the tenant the authenticated scenarios use, through the real `poy` CLI (the same path an
// operator takes), and reads the ids and the key back from its output.
import { runNodeScript } from './child-processes.ts';

export const POY_CLI_SCRIPT = 'apps/server/src/cli.ts';

/** The first run initialises PGlite (initdb in WASM: 3–6 s, more on a busy machine). */
const CLI_TIMEOUT_MILLISECONDS = 120_000;

export interface PoyFixture {
  accountId: string;
  projectId: string;
  /** The project's public id (what public enrollment names as `platform`). */
  projectPublicId: string;
  /** A test-mode key of an enterprise project with no rate limits: the limiter is skipped. */
  apiKey: string;
  /**
   * A test-mode key of a project with real limits per minute and per day, set far above what the
   * bench sends so none is refused: the limiter counts every request, as it does for every user.
   */
  limitedApiKey: string;
}

/** Above any rate this machine reaches, within what the columns hold. */
export const BENCH_LIMIT_PER_MINUTE = 10_000_000;
export const BENCH_LIMIT_PER_DAY = 1_000_000_000;

function capture(stdout: string, pattern: RegExp, what: string): string {
  const match = pattern.exec(stdout);
  const value = match?.[1];
  if (value === undefined) throw new Error(`Could not find the ${what} in the CLI output:\n${stdout}`);
  return value;
}

export async function createPoyFixture(options: {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Per CLI call; defaults to two minutes (a machine busy with other work may need more). */
  cliTimeoutMilliseconds?: number;
}): Promise<PoyFixture> {
  const cli = (args: readonly string[]) =>
    runNodeScript(POY_CLI_SCRIPT, args, {
      cwd: options.cwd,
      env: options.env,
      timeoutMilliseconds: options.cliTimeoutMilliseconds ?? CLI_TIMEOUT_MILLISECONDS,
    });

  const accountOutput = await cli(['account', 'create', '--name', 'Benchmark account']);
  const accountId = capture(accountOutput, /^Created account (acct_[0-9A-Za-z]+)/m, 'account id');

  const createProject = async (name: string, limits: readonly string[]) => {
    const output = await cli([
      'project',
      'create',
      '--account',
      accountId,
      '--name',
      name,
      '--plan',
      'enterprise',
      ...limits,
    ]);
    return {
      projectId: capture(output, /^Created project (proj_[0-9A-Za-z]+)/m, 'project id'),
      projectPublicId: capture(
        output,
        /^Created project proj_[0-9A-Za-z]+ \(public id ([^,]+),/m,
        'public id',
      ),
    };
  };
  // The CLI prints the key alone on its own line.
  const createKey = async (projectId: string) =>
    capture(
      await cli(['key', 'create', '--project', projectId, '--mode', 'test', '--name', 'Benchmark key']),
      /^(poy_test_[0-9A-Za-z]+)$/m,
      'API key',
    );

  // Enterprise without --per-minute/--per-day means unlimited.
  const { projectId, projectPublicId } = await createProject('Benchmark project', []);
  const apiKey = await createKey(projectId);
  const limited = await createProject('Benchmark project with limits', [
    '--per-minute',
    String(BENCH_LIMIT_PER_MINUTE),
    '--per-day',
    String(BENCH_LIMIT_PER_DAY),
  ]);
  const limitedApiKey = await createKey(limited.projectId);

  return { accountId, projectId, projectPublicId, apiKey, limitedApiKey };
}
