// `poy serve --role`: only the roles that exist; a typo is a usage error before anything is opened.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../src/cli.ts';

describe('poy serve --role', () => {
  it('refuses an unknown role with the list of roles', async () => {
    await assert.rejects(
      runCli(['serve', '--role', 'workers'], {
        LOG_LEVEL: 'silent',
        DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      }),
      /--role must be one of all, api/,
    );
  });
});
