#!/usr/bin/env node
// The `poy` command. The server is TypeScript run through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
const { runCliProcess } = await import('../src/cli.ts');
await runCliProcess(process.argv.slice(2), process.env);
