// Changes made with the `poy` command leave their audit events, with the command line as the actor and
// never a secret (docs/dashboard.md §8). Real subprocesses against a fresh PostgreSQL database.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { openPostgres } from '../src/store/drivers/open-postgres.ts';
import { createPostgresStore } from '../src/store/postgres/postgres-store.ts';
import type { AuditEvent } from '../src/store/store.ts';
import { createEmptyPostgresDatabase } from './harness.ts';
import { SKIP_POSTGRES_REASON } from './store-suite/suite-context.ts';

const BIN = new URL('../bin/poy.js', import.meta.url).pathname;

describe('poy CLI: audit events', { skip: SKIP_POSTGRES_REASON }, () => {
  let database: { url: string; drop(): Promise<void> };
  before(async () => {
    database = await createEmptyPostgresDatabase();
  });
  after(async () => {
    await database.drop();
  });

  function poy(...args: string[]): string {
    const result = spawnSync(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(result.status, 0, `poy ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  }

  async function auditEventsOf(accountId: string): Promise<AuditEvent[]> {
    const handle = await openPostgres({ connectionString: database.url });
    const store = await createPostgresStore(handle);
    try {
      return await store.listAuditEvents({ accountId, limit: 100 });
    } finally {
      await store.close();
    }
  }

  it('records accounts, projects and keys made and changed by the command line, and no key in any event', async () => {
    poy('migrate');
    const accountId = /(acct_[0-9A-Za-z]{20})/.exec(poy('account', 'create', '--name', 'Audited'))?.[1];
    assert.ok(accountId);
    const projectId = /(proj_[0-9A-Za-z]{20})/.exec(
      poy('project', 'create', '--account', accountId, '--name', 'Shop'),
    )?.[1];
    assert.ok(projectId);
    poy(
      'project',
      'update',
      '--project',
      projectId,
      '--redirect-origin',
      'https://shop.example',
      '--invite-ttl-seconds',
      '3600',
    );
    poy(
      'project',
      'update',
      '--project',
      projectId,
      '--required-assurance',
      'passkey',
      '--velocity',
      'startsPerIpPerHour=40',
    );
    // The same origins again change nothing, and record nothing.
    poy('project', 'update', '--project', projectId, '--redirect-origin', 'https://shop.example');
    const created = poy('key', 'create', '--project', projectId, '--mode', 'live');
    const secret = /^(poy_live_[0-9A-Za-z]{32})$/m.exec(created)?.[1];
    const keyId = /(key_[0-9A-Za-z]{20})/.exec(created)?.[1];
    assert.ok(secret && keyId);
    poy('key', 'revoke', keyId);

    const events = await auditEventsOf(accountId);
    const account = events.find((event) => event.action === 'account.created');
    assert.equal(account?.actorKind, 'cli');
    assert.equal(account?.actorLabel, 'poy (command line)');
    assert.equal(account?.ip, null);
    assert.deepEqual(account?.details, { name: 'Audited' });

    const updates = events.filter((event) => event.action === 'project.updated').reverse();
    assert.equal(updates.length, 3, JSON.stringify(updates));
    assert.ok(updates.every((event) => event.actorKind === 'cli' && event.projectId === projectId));
    assert.deepEqual(updates[0]?.details, {
      changed: 'redirectOrigins',
      'redirectOrigins.old': '',
      'redirectOrigins.new': 'https://shop.example',
    });
    assert.deepEqual(updates[1]?.details, {
      changed: 'inviteTtlSeconds',
      'inviteTtlSeconds.old': null,
      'inviteTtlSeconds.new': 3600,
    });
    assert.deepEqual(updates[2]?.details, {
      changed: 'requiredAssurance, velocityLimits.startsPerIpPerHour',
      'requiredAssurance.old': null,
      'requiredAssurance.new': 'passkey',
      'velocityLimits.startsPerIpPerHour.old': 30,
      'velocityLimits.startsPerIpPerHour.new': 40,
    });

    for (const [action, target] of [
      ['project.created', projectId],
      ['api_key.created', keyId],
      ['api_key.revoked', keyId],
    ] as const) {
      const event = events.find((each) => each.action === action);
      assert.equal(event?.actorKind, 'cli', action);
      assert.equal(event?.targetId, target, action);
    }

    // Nothing the command printed as a secret is in any event.
    const everything = JSON.stringify(events);
    assert.ok(!everything.includes(secret), 'the key must not be in the audit log');
    assert.ok(!everything.includes(secret.slice(9)), 'nor its random part');
  });
});
