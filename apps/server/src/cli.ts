// `poy`: serve, migrate, and manage accounts, projects and keys from a shell. It reads the same
// environment as the server (DATABASE_URL or DATA_DIR).
import { parseArgs } from 'node:util';
import { CLI_ACTOR, isKeyMode, print, required, UsageError, withStore } from './cli-support.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { systemClock } from './core/clock.ts';
import { createApiKey } from './core/keys/create-api-key.ts';
import { revokeApiKey } from './core/keys/revoke-api-key.ts';
import { deriveServerSecrets } from './core/secrets.ts';
import { isSigningKeyPurpose } from './core/signing/generate-signing-key.ts';
import { rotateSigningKey } from './core/signing/rotate-signing-key.ts';
import { createAccount } from './core/tenancy/create-account.ts';
import { eraseHuman } from './core/users/erase-human.ts';
import { VELOCITY_LIMIT_NAMES } from './core/velocity/velocity-limits.ts';
import { runWorkerUntilSignalled, type ServeRole, serveUntilSignalled } from './main.ts';
import { inviteMemberFromFlags, listMembersFromFlags } from './member-commands.ts';
import { createProjectFromFlags, updateProjectFromFlags } from './project-commands.ts';
import { DatabaseOpenError } from './store/drivers/database-open-error.ts';
import { migrate } from './store/migrate.ts';
import { openDatabase } from './store/open-store.ts';
import type { Store } from './store/store.ts';
import { runBackup, runCopyToPostgres, runRestore } from './transfer-commands.ts';

const USAGE = `Usage: poy <command> [options]

  serve [--role all|api]                     start the server (default); --role api: HTTP only, no
                                             webhook worker or maintenance (run \`poy worker\` beside it)
  worker                                     background work only: webhooks and maintenance
                                             (WORKER_PORT: a listener for /healthz, /readyz, /metrics)
  migrate                                    apply pending database migrations
  account create --name NAME                 create an account
  project create --account ID --name NAME [--plan free|pro|enterprise] [--public-id ID]
                 [--per-minute N] [--per-day N]   (limits apply to the enterprise plan)
                 [--rp-id HOST] [--rp-name NAME] [--webauthn-origin URL …]   (passkeys on your own sites)
  project update --project ID [--redirect-origin URL …] [--invite-ttl-seconds N|default]
                 replace the origins redirect URLs may use (https, or http on localhost); how long new
                 invites stay usable (300 … 2592000 s; default: INVITE_TTL_SECONDS)
                 [--required-assurance passkey|liveness|unique|default] [--attestation-required true|false]
                 [--aaguid UUID … | --aaguid none] [--velocity NAME=N … | --velocity default]
                 the assurance policy (docs/assurance.md §2): --aaguid replaces the allow-list;
                 --velocity sets one limit (${VELOCITY_LIMIT_NAMES.join(', ')}, 1 … 10000)
                 or action=review|fail, the others are kept
  key create --project ID --mode test|live [--name NAME]   prints the key once
  key revoke KEY_ID                          revoke a key (effective on the next request)
  key list --project ID                      list a project's keys (prefixes only)
  signing-key rotate --purpose stamp|session|redirect   retire the active key, start a new one (old signatures still verify)
  member invite --account ID --role owner|admin|developer|viewer [--name NAME]
                 prints a one-time dashboard invite link (expires in 7 days)
  member list --account ID                   list an account's dashboard members and open invites
  human erase POY_ID                         erase a PoY identity (e-mail hash, name, passkeys); revokes its links
  backup --out FILE                          embedded database only, server stopped: write a checked backup
  restore --from FILE                        embedded database only: restore a backup into an empty DATA_DIR
  copy-to-postgres --to-database-url URL     move the embedded database's data into an empty PostgreSQL database

Environment: DATABASE_URL (PostgreSQL) or DATA_DIR (embedded, default ./data); see README.md.`;

async function runMigrate(config: Config): Promise<number> {
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrate(handle);
    print(applied.length > 0 ? `Applied migrations: ${applied.join(', ')}` : 'The database is up to date.');
  } finally {
    await handle.close();
  }
  return 0;
}

const SERVE_ROLES: readonly ServeRole[] = ['all', 'api'];

/** `poy serve [--role all|api]`: runs until signalled. */
async function runServe(config: Config, role: string | undefined): Promise<number> {
  const chosen = SERVE_ROLES.find((candidate) => candidate === (role ?? 'all'));
  if (!chosen) throw new UsageError(`--role must be one of ${SERVE_ROLES.join(', ')}`);
  await serveUntilSignalled(config, chosen);
  return -1; // keep running
}

/** `poy worker`: webhook delivery and maintenance until signalled. */
async function runWorker(config: Config): Promise<number> {
  await runWorkerUntilSignalled(config);
  return -1; // keep running
}

export async function runCli(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      account: { type: 'string' },
      project: { type: 'string' },
      plan: { type: 'string' },
      'public-id': { type: 'string' },
      'per-minute': { type: 'string' },
      'per-day': { type: 'string' },
      mode: { type: 'string' },
      purpose: { type: 'string' },
      'rp-id': { type: 'string' },
      'rp-name': { type: 'string' },
      'webauthn-origin': { type: 'string', multiple: true },
      out: { type: 'string' },
      from: { type: 'string' },
      'to-database-url': { type: 'string' },
      role: { type: 'string' },
      'redirect-origin': { type: 'string', multiple: true },
      'invite-ttl-seconds': { type: 'string' },
      'required-assurance': { type: 'string' },
      'attestation-required': { type: 'string' },
      aaguid: { type: 'string', multiple: true },
      velocity: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    print(USAGE);
    return 0;
  }
  const [command = 'serve', subcommand, argument] = positionals;
  const config = loadConfig(env);
  const deps = (store: Store) => ({ store, clock: systemClock });

  switch (`${command} ${subcommand ?? ''}`.trim()) {
    case 'serve':
      return runServe(config, values.role);
    case 'worker':
      return runWorker(config);
    case 'migrate':
      return runMigrate(config);
    case 'account create':
      return withStore(config, async (store) => {
        const account = await createAccount(deps(store), { name: required(values.name, 'name') }, CLI_ACTOR);
        print(`Created account ${account.id} (${account.name})`);
        return 0;
      });
    case 'project create':
      return createProjectFromFlags(config, values);
    case 'project update':
      return updateProjectFromFlags(config, values);
    case 'key create': {
      const mode = required(values.mode, 'mode');
      if (!isKeyMode(mode)) throw new UsageError('--mode must be test or live');
      return withStore(config, async (store) => {
        const created = await createApiKey(deps(store), {
          projectId: required(values.project, 'project'),
          mode,
          ...(values.name ? { name: values.name } : {}),
          actor: { kind: 'cli' },
        });
        if (!created) {
          process.stderr.write('No project with that id.\n');
          return 1;
        }
        print(`Created ${created.apiKey.id}. The key is shown once; store it now:`);
        print(created.secret);
        return 0;
      });
    }
    case 'key revoke':
      return withStore(config, async (store) => {
        const result = await revokeApiKey(deps(store), {
          keyId: required(argument, 'KEY_ID'),
          projectId: null,
          actor: { kind: 'cli' },
        });
        if (!result.ok) {
          process.stderr.write(
            result.reason === 'not_found' ? 'No key with that id.\n' : 'That key is already revoked.\n',
          );
          return 1;
        }
        print(`Revoked ${result.apiKey.id}`);
        return 0;
      });
    case 'key list':
      return withStore(config, async (store) => {
        const keys = await store.listApiKeysByProject(required(values.project, 'project'));
        for (const key of keys) {
          const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active';
          const used = key.lastUsedAt ? `last used ${key.lastUsedAt.toISOString()}` : 'never used';
          print(`${key.id}  ${key.mode}  ${key.displayPrefix}…  ${state}  ${used}  ${key.name}`);
        }
        return 0;
      });
    case 'member invite':
      return inviteMemberFromFlags(config, values);
    case 'member list':
      return listMembersFromFlags(config, values);
    case 'human erase':
      return withStore(config, async (store) => {
        const result = await eraseHuman(
          { store, clock: systemClock },
          { poyId: required(argument, 'POY_ID') },
        );
        if (!result.ok) {
          process.stderr.write('No PoY identity with that id.\n');
          return 1;
        }
        print(
          `Erased the identity; revoked ${result.revokedLinks.length} verified link(s), with their webhooks.`,
        );
        return 0;
      });
    case 'signing-key rotate': {
      const purpose = required(values.purpose, 'purpose');
      if (!isSigningKeyPurpose(purpose)) throw new UsageError('--purpose must be stamp, session or redirect');
      return withStore(config, async (store) => {
        const { retired, key } = await rotateSigningKey(
          { store, clock: systemClock, secrets: deriveServerSecrets(config.secretKey) },
          purpose,
        );
        print(
          `Retired ${retired} ${purpose} key(s); the new key is ${key.kid}. Retired keys stay in the JWKS.`,
        );
        return 0;
      });
    }
    case 'backup':
      return runBackup(config, required(values.out, 'out'), print);
    case 'restore':
      return runRestore(config, required(values.from, 'from'), print);
    case 'copy-to-postgres':
      return runCopyToPostgres(config, required(values['to-database-url'], 'to-database-url'), print);
    default:
      throw new UsageError(`Unknown command: ${positionals.join(' ')}`);
  }
}

/** Runs the CLI as a process: sets the exit code and prints errors for people, not stack traces. */
export async function runCliProcess(argv: string[], env: Record<string, string | undefined>): Promise<void> {
  try {
    const code = await runCli(argv, env);
    if (code >= 0) process.exitCode = code;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}\n`);
      process.exitCode = 2;
    } else if (error instanceof ConfigError || error instanceof DatabaseOpenError) {
      // A setting to fix: one line that names it (DataDirLockedError is one of these too).
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
  }
}

// Run when executed directly (`node --import tsx src/cli.ts …`); the `poy` bin calls runCliProcess.
if (process.argv[1] && import.meta.url === new URL(process.argv[1], 'file:').href) {
  await runCliProcess(process.argv.slice(2), process.env);
}
