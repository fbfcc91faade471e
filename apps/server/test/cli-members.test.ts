// `poy member invite` and `poy member list` as a user runs them: real subprocesses against a fresh
// PostgreSQL database. The invite line is what people (and the e2e test) read the link from.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { hashToken } from '../src/core/token-digest.ts';
import { openPostgres } from '../src/store/drivers/open-postgres.ts';
import { createPostgresStore } from '../src/store/postgres/postgres-store.ts';
import { createEmptyPostgresDatabase } from './harness.ts';

const BIN = new URL('../bin/poy.js', import.meta.url).pathname;
const INVITE_LINE =
  /^Invite link \(one use, expires in 7 days\): https:\/\/poy\.example\.com\/dashboard\/links\/([0-9A-Za-z]{43})$/m;

describe('poy member', () => {
  let database: { url: string; drop(): Promise<void> };
  before(async () => {
    database = await createEmptyPostgresDatabase();
  });
  after(async () => {
    await database.drop();
  });

  function poy(...args: string[]) {
    const result = spawnSync(process.execPath, [BIN, ...args], {
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        LOG_LEVEL: 'silent',
        PUBLIC_URL: 'https://poy.example.com',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('invite prints a one-time link once; list shows it; the audit log says the command line made it', async () => {
    assert.equal(poy('migrate').code, 0);
    const account = poy('account', 'create', '--name', 'Acme');
    const accountId = /(acct_[0-9A-Za-z]{20})/.exec(account.stdout)?.[1];
    assert.ok(accountId, account.stdout);

    const invited = poy(
      'member',
      'invite',
      '--account',
      accountId,
      '--role',
      'viewer',
      '--name',
      'Vera Viewer',
    );
    assert.equal(invited.code, 0, invited.stderr);
    const token = INVITE_LINE.exec(invited.stdout)?.[1];
    assert.ok(token, invited.stdout);
    assert.equal(invited.stdout.trim().split('\n').length, 1, 'exactly one line');

    const listed = poy('member', 'list', '--account', accountId);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /^mlk_[0-9A-Za-z]{20}\s+viewer\s+invited, expires \S+\s+Vera Viewer$/m);
    assert.ok(!listed.stdout.includes(token), 'the link is never printed again');

    const handle = await openPostgres({ connectionString: database.url });
    const store = await createPostgresStore(handle);
    try {
      // Only the digest is stored.
      const link = await store.findMemberLinkByTokenHash(hashToken(token));
      assert.equal(link?.accountId, accountId);
      assert.equal(link?.role, 'viewer');
      assert.equal(link?.kind, 'invite');
      const [event] = await store.listAuditEvents({ accountId, limit: 5 });
      assert.equal(event?.action, 'member.invited');
      assert.equal(event?.actorKind, 'cli');
      assert.deepEqual(event?.details, { role: 'viewer', name: 'Vera Viewer', kind: 'invite' });
    } finally {
      await store.close();
    }
  });

  it('refuses an unknown role (usage, exit 2) and an unknown account (exit 1)', () => {
    assert.equal(poy('migrate').code, 0);
    const account = poy('account', 'create', '--name', 'Roles');
    const accountId = /(acct_[0-9A-Za-z]{20})/.exec(account.stdout)?.[1] ?? '';
    const badRole = poy('member', 'invite', '--account', accountId, '--role', 'superuser');
    assert.equal(badRole.code, 2);
    assert.match(badRole.stderr, /--role must be one of owner, admin, developer, viewer/);
    const noRole = poy('member', 'invite', '--account', accountId);
    assert.equal(noRole.code, 2);
    assert.match(noRole.stderr, /Missing --role/);
    const unknown = poy('member', 'invite', '--account', 'acct_nope', '--role', 'owner');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No account with that id/);
    assert.equal(unknown.stdout, '');
    const empty = poy('member', 'list', '--account', accountId);
    assert.equal(empty.code, 0);
    assert.match(empty.stdout, /No members yet/);
  });
});
