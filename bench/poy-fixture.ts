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
  /** A test-mode key of an enterprise project with no rate limits, so 429s cannot skew the numbers. */
  apiKey: string;
}

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

  // Enterprise without --per-minute/--per-day means unlimited: the benchmark measures the request
  // path, not the limiter refusing it.
  const projectOutput = await cli([
    'project',
    'create',
    '--account',
    accountId,
    '--name',
    'Benchmark project',
    '--plan',
    'enterprise',
  ]);
  const projectId = capture(projectOutput, /^Created project (proj_[0-9A-Za-z]+)/m, 'project id');
  const projectPublicId = capture(
    projectOutput,
    /^Created project proj_[0-9A-Za-z]+ \(public id ([^,]+),/m,
    'public id',
  );

  // The CLI prints the key alone on its own line.
  const keyOutput = await cli([
    'key',
    'create',
    '--project',
    projectId,
    '--mode',
    'test',
    '--name',
    'Benchmark key',
  ]);
  const apiKey = capture(keyOutput, /^(poy_test_[0-9A-Za-z]+)$/m, 'API key');

  return { accountId, projectId, projectPublicId, apiKey };
}
