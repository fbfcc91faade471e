// The `poy` command as a user runs it: real subprocesses against a fresh PostgreSQL database.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { hashApiKey } from '../src/core/keys/api-key-format.ts';
import { openPostgres } from '../src/store/drivers/open-postgres.ts';
import { createPostgresStore } from '../src/store/postgres/postgres-store.ts';
import { createEmptyPostgresDatabase } from './harness.ts';

const BIN = new URL('../bin/poy.js', import.meta.url).pathname;

describe('poy CLI', () => {
  let database: { url: string; drop(): Promise<void> };
  before(async () => {
    database = await createEmptyPostgresDatabase();
  });
  after(async () => {
    await database.drop();
  });

  function poy(...args: string[]) {
    const result = spawnSync(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('migrates, creates an account, a project and keys, lists and revokes them', async () => {
    const migrated = poy('migrate');
    assert.equal(migrated.code, 0, migrated.stderr);
    assert.match(migrated.stdout, /Applied migrations: 1/);
    assert.match(poy('migrate').stdout, /up to date/);

    const account = poy('account', 'create', '--name', 'Acme');
    assert.equal(account.code, 0, account.stderr);
    const accountId = /(acct_[0-9A-Za-z]{20})/.exec(account.stdout)?.[1];
    assert.ok(accountId, account.stdout);

    const project = poy('project', 'create', '--account', accountId, '--name', 'Acme Web', '--plan', 'pro');
    assert.equal(project.code, 0, project.stderr);
    const projectId = /(proj_[0-9A-Za-z]{20})/.exec(project.stdout)?.[1];
    assert.ok(projectId, project.stdout);
    assert.match(project.stdout, /public id acme-web, plan pro/);

    const key = poy('key', 'create', '--project', projectId, '--mode', 'live', '--name', 'backend');
    assert.equal(key.code, 0, key.stderr);
    const secret = /^(poy_live_[0-9A-Za-z]{32})$/m.exec(key.stdout)?.[1];
    const keyId = /(key_[0-9A-Za-z]{20})/.exec(key.stdout)?.[1];
    assert.ok(secret && keyId, key.stdout);

    // Only the hash is stored, and it matches the printed key.
    const handle = await openPostgres({ connectionString: database.url });
    const store = await createPostgresStore(handle);
    try {
      const found = await store.findApiKeyByHash(hashApiKey(secret));
      assert.equal(found?.apiKey.id, keyId);
      assert.equal(found?.project.plan, 'pro');
    } finally {
      await store.close();
    }

    const listed = poy('key', 'list', '--project', projectId);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, new RegExp(`${keyId}\\s+live\\s+poy_live_\\w{4}…\\s+active`));
    assert.ok(!listed.stdout.includes(secret), 'list must never print the key');

    const revoked = poy('key', 'revoke', keyId);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.match(poy('key', 'list', '--project', projectId).stdout, /revoked/);
    const again = poy('key', 'revoke', keyId);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already revoked/);
  });

  it('project update sets validated redirect origins; signing-key rotate knows the redirect purpose', async () => {
    assert.equal(poy('migrate').code, 0);
    const account = poy('account', 'create', '--name', 'Redirects');
    const accountId = /(acct_[0-9A-Za-z]{20})/.exec(account.stdout)?.[1];
    assert.ok(accountId, account.stdout);
    const project = poy('project', 'create', '--account', accountId, '--name', 'Redirect Shop');
    const projectId = /(proj_[0-9A-Za-z]{20})/.exec(project.stdout)?.[1];
    assert.ok(projectId, project.stdout);

    const updated = poy(
      'project',
      'update',
      '--project',
      projectId,
      '--redirect-origin',
      'https://Shop.example/',
      '--redirect-origin',
      'http://localhost:3000',
    );
    assert.equal(updated.code, 0, updated.stderr);
    assert.match(updated.stdout, /redirect origins https:\/\/shop\.example, http:\/\/localhost:3000/);

    const insecure = poy(
      'project',
      'update',
      '--project',
      projectId,
      '--redirect-origin',
      'http://shop.example',
    );
    assert.equal(insecure.code, 1);
    assert.match(insecure.stderr, /not https/);
    const withPath = poy(
      'project',
      'update',
      '--project',
      projectId,
      '--redirect-origin',
      'https://a.example/x',
    );
    assert.equal(withPath.code, 1);
    assert.match(withPath.stderr, /not an origin/);
    const nothing = poy('project', 'update', '--project', projectId);
    assert.equal(nothing.code, 2);
    assert.match(nothing.stderr, /--redirect-origin/);
    const unknown = poy(
      'project',
      'update',
      '--project',
      'proj_missing',
      '--redirect-origin',
      'https://a.example',
    );
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No project/);

    const rotated = poy('signing-key', 'rotate', '--purpose', 'redirect');
    assert.equal(rotated.code, 0, rotated.stderr);
    assert.match(rotated.stdout, /the new key is poy-redirect-\d{8}-[0-9a-f]{12}/);

    const handle = await openPostgres({ connectionString: database.url });
    const store = await createPostgresStore(handle);
    try {
      const stored = await store.findProjectById(projectId);
      // The refused updates changed nothing.
      assert.deepEqual(stored?.redirectOrigins, ['https://shop.example', 'http://localhost:3000']);
      const keys = await store.listSigningKeys();
      assert.ok(keys.some((key) => key.purpose === 'redirect' && key.retiredAt === null));
    } finally {
      await store.close();
    }
  });

  it('explains mistakes with a usage message and a non-zero exit', () => {
    const missing = poy('key', 'create', '--mode', 'test');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Missing --project/);
    assert.match(missing.stderr, /Usage: poy/);
    const badMode = poy('key', 'create', '--project', 'proj_x', '--mode', 'prod');
    assert.equal(badMode.code, 2);
    const unknown = poy('frobnicate');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown command/);
    const noProject = poy('key', 'create', '--project', 'proj_missing', '--mode', 'test');
    assert.equal(noProject.code, 1);
    assert.match(noProject.stderr, /No project/);
  });

  it('project update sets and resets the invite lifetime, and refuses one out of bounds', async () => {
    const account = poy('account', 'create', '--name', 'Ttl');
    const accountId = /(acct_[0-9A-Za-z]{20})/.exec(account.stdout)?.[1];
    assert.ok(accountId, account.stderr);
    const project = poy('project', 'create', '--account', accountId, '--name', 'Ttl Web');
    const projectId = /(proj_[0-9A-Za-z]{20})/.exec(project.stdout)?.[1];
    assert.ok(projectId, project.stderr);

    const updated = poy('project', 'update', '--project', projectId, '--invite-ttl-seconds', '900');
    assert.equal(updated.code, 0, updated.stderr);
    assert.match(updated.stdout, /invites last 900 s/);
    const readTtl = async () => {
      const handle = await openPostgres({ connectionString: database.url });
      const store = await createPostgresStore(handle);
      try {
        return (await store.findProjectById(projectId))?.inviteTtlSeconds;
      } finally {
        await store.close();
      }
    };
    assert.equal(await readTtl(), 900);

    for (const bad of ['299', '2592001', 'soon', '1.5']) {
      const refused = poy('project', 'update', '--project', projectId, '--invite-ttl-seconds', bad);
      assert.equal(refused.code, 2, `${bad}: ${refused.stderr}`);
      assert.match(refused.stderr, /--invite-ttl-seconds must be an integer from 300 to 2592000/);
    }
    assert.equal(await readTtl(), 900);
    const missing = poy('project', 'update', '--project', 'proj_missing', '--invite-ttl-seconds', '600');
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /project not found/);

    const reset = poy('project', 'update', '--project', projectId, '--invite-ttl-seconds', 'default');
    assert.equal(reset.code, 0, reset.stderr);
    assert.match(reset.stdout, /deployment default/);
    assert.equal(await readTtl(), null);
  });

  it('project update sets the assurance policy, merges single velocity limits, and refuses what is unsafe', async () => {
    const account = poy('account', 'create', '--name', 'Policy');
    const accountId = /(acct_[0-9A-Za-z]{20})/.exec(account.stdout)?.[1];
    assert.ok(accountId, account.stderr);
    const project = poy('project', 'create', '--account', accountId, '--name', 'Policy Web');
    const projectId = /(proj_[0-9A-Za-z]{20})/.exec(project.stdout)?.[1];
    assert.ok(projectId, project.stderr);
    const readProject = async () => {
      const handle = await openPostgres({ connectionString: database.url });
      const store = await createPostgresStore(handle);
      try {
        return await store.findProjectById(projectId);
      } finally {
        await store.close();
      }
    };
    const update = (...flags: string[]) => poy('project', 'update', '--project', projectId, ...flags);

    // Attestation without an allow-list is refused with the reason, and nothing changes.
    const bare = update('--attestation-required', 'true');
    assert.equal(bare.code, 1, bare.stderr);
    assert.match(bare.stderr, /attestationRequired needs at least one AAGUID in aaguidAllowList/);
    assert.equal((await readProject())?.attestationRequired, false);

    const set = update(
      '--required-assurance',
      'liveness',
      '--attestation-required',
      'true',
      '--aaguid',
      'FA2B99DC-9E39-4257-8F92-4A30D23C4118',
      '--velocity',
      'newHumansPerIpPerHour=2',
      '--velocity',
      'action=fail',
    );
    assert.equal(set.code, 0, set.stderr);
    assert.match(
      set.stdout,
      /requires liveness; attestation required; AAGUIDs allowed: fa2b99dc-9e39-4257-8f92-4a30d23c4118/,
    );
    let stored = await readProject();
    assert.equal(stored?.requiredAssurance, 'liveness');
    assert.deepEqual(stored?.aaguidAllowList, ['fa2b99dc-9e39-4257-8f92-4a30d23c4118']);
    assert.deepEqual(stored?.velocityLimits, {
      newHumansPerIpPerHour: 2,
      newHumansPerPrefixPerHour: 20,
      newHumansPerDevicePerDay: 3,
      startsPerIpPerHour: 30,
      startsPerDevicePerHour: 10,
      velocityAction: 'fail',
    });

    const notUuid = update('--aaguid', 'yubikey-5');
    assert.equal(notUuid.code, 1);
    assert.match(notUuid.stderr, /aaguidAllowList\.0: must be a UUID/);
    const tooHigh = update('--velocity', 'startsPerIpPerHour=0');
    assert.equal(tooHigh.code, 1);
    assert.match(tooHigh.stderr, /velocityLimits\.startsPerIpPerHour: must be at least 1/);
    const emptied = update('--aaguid', 'none');
    assert.equal(emptied.code, 1, 'still required: the list may not be emptied');
    for (const [flag, value, message] of [
      [
        '--required-assurance',
        'maximum',
        /--required-assurance must be passkey, liveness, unique or default/,
      ],
      ['--attestation-required', 'yes', /--attestation-required must be true or false/],
      ['--velocity', 'perMinute=3', /--velocity perMinute=3: expected NAME=N/],
    ] as const) {
      const refused = update(flag, value);
      assert.equal(refused.code, 2, `${flag} ${value}: ${refused.stderr}`);
      assert.match(refused.stderr, message);
    }
    assert.deepEqual(await readProject(), stored, 'no refused update changed anything');

    const reset = update(
      '--required-assurance',
      'default',
      '--attestation-required',
      'false',
      '--aaguid',
      'none',
      '--velocity',
      'default',
    );
    assert.equal(reset.code, 0, reset.stderr);
    assert.match(reset.stdout, /requires unique \(default\)/);
    stored = await readProject();
    assert.equal(stored?.requiredAssurance, null);
    assert.equal(stored?.attestationRequired, false);
    assert.deepEqual(stored?.aaguidAllowList, []);
    assert.equal(stored?.velocityLimits, null);
  });

  it('refuses a bad configuration with a clear message', () => {
    const result = spawnSync(process.execPath, [BIN, 'migrate'], {
      env: { ...process.env, DATABASE_URL: 'mysql://nope', LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /DATABASE_URL/);
  });
});
