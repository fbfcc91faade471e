#!/usr/bin/env node
// The `poy` command. The server is TypeScript run through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
try {
  const code = await runCli(process.argv.slice(2), process.env);
  if (code >= 0) process.exitCode = code;
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = error?.constructor?.name === 'UsageError' ? 2 : 1;
}
