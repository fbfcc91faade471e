// `poy`: serve, migrate, and manage accounts, projects and keys from a shell. It reads the same
// environment as the server (DATABASE_URL or DATA_DIR).
import { parseArgs } from 'node:util';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { resolveAssurancePolicy } from './core/assurance/policy.ts';
import type { AssurancePolicyPatch } from './core/assurance/policy-settings.ts';
import { systemClock } from './core/clock.ts';
import { createApiKey } from './core/keys/create-api-key.ts';
import { revokeApiKey } from './core/keys/revoke-api-key.ts';
import { deriveServerSecrets } from './core/secrets.ts';
import { isSigningKeyPurpose } from './core/signing/generate-signing-key.ts';
import { rotateSigningKey } from './core/signing/rotate-signing-key.ts';
import { createAccount } from './core/tenancy/create-account.ts';
import { createProject } from './core/tenancy/create-project.ts';
import { setRedirectOrigins } from './core/tenancy/set-redirect-origins.ts';
import {
  INVITE_TTL_SECONDS_BOUNDS,
  isInviteTtlInBounds,
  updateProjectSettings,
} from './core/tenancy/update-project-settings.ts';
import { eraseHuman } from './core/users/erase-human.ts';
import {
  isVelocityLimitName,
  VELOCITY_LIMIT_NAMES,
  type VelocityLimits,
} from './core/velocity/velocity-limits.ts';
import { createLogger } from './logger.ts';
import { openConfiguredStore, runWorkerUntilSignalled, type ServeRole, serveUntilSignalled } from './main.ts';
import { DatabaseOpenError } from './store/drivers/database-open-error.ts';
import { migrate } from './store/migrate.ts';
import { openDatabase } from './store/open-store.ts';
import { KEY_MODES, type KeyMode, PLANS, type Plan, type Project, type Store } from './store/store.ts';
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
  human erase POY_ID                         erase a PoY identity (e-mail hash, name, passkeys); revokes its links
  backup --out FILE                          embedded database only, server stopped: write a checked backup
  restore --from FILE                        embedded database only: restore a backup into an empty DATA_DIR
  copy-to-postgres --to-database-url URL     move the embedded database's data into an empty PostgreSQL database

Environment: DATABASE_URL (PostgreSQL) or DATA_DIR (embedded, default ./data); see README.md.`;

class UsageError extends Error {}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`Missing --${flag}`);
  return value;
}

function optionalPositiveInteger(value: string | undefined, flag: string): number | null {
  if (value === undefined) return null;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new UsageError(`--${flag} must be a positive integer`);
  return parsed;
}

function originOf(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.origin;
  } catch {
    // Reported below.
  }
  throw new UsageError(`--webauthn-origin must be an http(s) origin, got ${value}`);
}

function isPlan(value: string): value is Plan {
  return PLANS.some((plan) => plan === value);
}

function isKeyMode(value: string): value is KeyMode {
  return KEY_MODES.some((mode) => mode === value);
}

async function withStore<T>(config: Config, fn: (store: Store) => Promise<T>): Promise<T> {
  const logger = createLogger({ logLevel: 'warn' });
  const store = await openConfiguredStore(config, logger, true);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

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

interface ProjectFlags {
  plan?: string | undefined;
  account?: string | undefined;
  name?: string | undefined;
  'public-id'?: string | undefined;
  'per-minute'?: string | undefined;
  'per-day'?: string | undefined;
  'rp-id'?: string | undefined;
  'rp-name'?: string | undefined;
  'webauthn-origin'?: string[] | undefined;
}

async function createProjectFromFlags(config: Config, values: ProjectFlags): Promise<number> {
  const plan = values.plan ?? 'free';
  if (!isPlan(plan)) throw new UsageError(`--plan must be one of ${PLANS.join(', ')}`);
  return withStore(config, async (store) => {
    const result = await createProject(
      { store, clock: systemClock },
      {
        accountId: required(values.account, 'account'),
        name: required(values.name, 'name'),
        plan,
        ...(values['public-id'] ? { publicId: values['public-id'] } : {}),
        rateLimitPerMinute: optionalPositiveInteger(values['per-minute'], 'per-minute'),
        rateLimitPerDay: optionalPositiveInteger(values['per-day'], 'per-day'),
        ...(values['rp-id'] ? { webauthnRpId: values['rp-id'] } : {}),
        ...(values['rp-name'] ? { webauthnRpName: values['rp-name'] } : {}),
        ...(values['webauthn-origin'] ? { webauthnOrigins: values['webauthn-origin'].map(originOf) } : {}),
      },
    );
    if (!result.ok) {
      process.stderr.write(`Could not create the project: ${result.reason.replaceAll('_', ' ')}\n`);
      return 1;
    }
    print(
      `Created project ${result.project.id} (public id ${result.project.publicId}, plan ${result.project.plan})`,
    );
    return 0;
  });
}

interface ProjectUpdateFlags {
  project?: string | undefined;
  'redirect-origin'?: string[] | undefined;
  'invite-ttl-seconds'?: string | undefined;
  'required-assurance'?: string | undefined;
  'attestation-required'?: string | undefined;
  aaguid?: string[] | undefined;
  velocity?: string[] | undefined;
}

function parseRequiredAssuranceFlag(value: string): AssurancePolicyPatch['requiredAssurance'] {
  if (value === 'default') return null;
  if (value === 'passkey' || value === 'liveness' || value === 'unique') return value;
  throw new UsageError('--required-assurance must be passkey, liveness, unique or default');
}

function parseAttestationRequiredFlag(value: string): boolean {
  if (value === 'true' || value === 'false') return value === 'true';
  throw new UsageError('--attestation-required must be true or false');
}

/** `--aaguid none` empties the list; UUIDs themselves are checked by core. */
function parseAaguidFlags(values: string[]): string[] {
  if (values.length === 1 && values[0] === 'none') return [];
  if (values.includes('none')) throw new UsageError('--aaguid none cannot be combined with AAGUIDs');
  return values;
}

/** `--velocity default` returns to the defaults; otherwise each NAME=N (or action=…) changes one. */
function parseVelocityFlags(values: string[]): Partial<VelocityLimits> | null {
  if (values.length === 1 && values[0] === 'default') return null;
  const changes: Partial<VelocityLimits> = {};
  for (const value of values) {
    const [name = '', setting = ''] = value.split('=', 2);
    if (name === 'action') {
      if (setting !== 'review' && setting !== 'fail')
        throw new UsageError('--velocity action= must be review or fail');
      changes.velocityAction = setting;
    } else if (isVelocityLimitName(name)) {
      // Bounds are checked by core; a non-number becomes NaN and is refused there with the name.
      changes[name] = /^\d+$/.test(setting) ? Number(setting) : Number.NaN;
    } else {
      throw new UsageError(
        `--velocity ${value}: expected NAME=N with NAME one of ${VELOCITY_LIMIT_NAMES.join(', ')}, action=review|fail, or default`,
      );
    }
  }
  return changes;
}

function policyPatchOf(values: ProjectUpdateFlags): AssurancePolicyPatch {
  const level = values['required-assurance'];
  const attestation = values['attestation-required'];
  return {
    ...(level === undefined ? {} : { requiredAssurance: parseRequiredAssuranceFlag(level) }),
    ...(attestation === undefined ? {} : { attestationRequired: parseAttestationRequiredFlag(attestation) }),
    ...(values.aaguid === undefined ? {} : { aaguidAllowList: parseAaguidFlags(values.aaguid) }),
    ...(values.velocity === undefined ? {} : { velocityLimits: parseVelocityFlags(values.velocity) }),
  };
}

function describePolicy(project: Project): string {
  const policy = resolveAssurancePolicy(project);
  const limits = VELOCITY_LIMIT_NAMES.map((name) => `${name}=${policy.velocityLimits[name]}`).join(', ');
  return (
    `requires ${policy.requiredLevel}${project.requiredAssurance === null ? ' (default)' : ''}; ` +
    `attestation ${policy.attestationRequired ? 'required' : 'not required'}; ` +
    `AAGUIDs allowed: ${policy.aaguidAllowList.length === 0 ? 'none listed' : policy.aaguidAllowList.join(', ')}; ` +
    `velocity ${limits}, action=${policy.velocityLimits.velocityAction}${project.velocityLimits === null ? ' (defaults)' : ''}`
  );
}

function parseInviteTtlFlag(value: string): number | null {
  const inviteTtlSeconds = value === 'default' ? null : Number(value);
  if (inviteTtlSeconds !== null && !isInviteTtlInBounds(inviteTtlSeconds)) {
    const { min, max } = INVITE_TTL_SECONDS_BOUNDS;
    throw new UsageError(`--invite-ttl-seconds must be an integer from ${min} to ${max}, or default`);
  }
  return inviteTtlSeconds;
}

/** `poy project update`: an existing project's redirect origins and invite lifetime. */
async function updateProjectFromFlags(config: Config, values: ProjectUpdateFlags): Promise<number> {
  const projectId = required(values.project, 'project');
  const origins = values['redirect-origin'];
  const ttlFlag = values['invite-ttl-seconds'];
  const policyPatch = policyPatchOf(values);
  const policyChanged = Object.keys(policyPatch).length > 0;
  if (origins === undefined && ttlFlag === undefined && !policyChanged) {
    throw new UsageError(
      'Nothing to update: pass --redirect-origin URL (repeatable), --invite-ttl-seconds and/or the assurance policy flags',
    );
  }
  const inviteTtlSeconds = ttlFlag === undefined ? undefined : parseInviteTtlFlag(ttlFlag);
  return withStore(config, async (store) => {
    if (origins !== undefined) {
      const result = await setRedirectOrigins({ store }, { projectId, origins });
      if (!result.ok) {
        process.stderr.write(
          result.reason === 'not_found'
            ? 'No project with that id.\n'
            : `--redirect-origin ${result.origin} is not usable (${result.problem.replaceAll('_', ' ')}): give scheme, host and port only, https unless the host is localhost.\n`,
        );
        return 1;
      }
      print(
        `Updated project ${result.project.id}: redirect origins ${result.project.redirectOrigins.join(', ')}`,
      );
    }
    if (inviteTtlSeconds !== undefined) {
      const result = await updateProjectSettings({ store }, projectId, { inviteTtlSeconds });
      if (!result.ok) {
        process.stderr.write(`Could not update the project: ${result.reason.replaceAll('_', ' ')}\n`);
        return 1;
      }
      const ttl = result.project.inviteTtlSeconds;
      print(
        `Updated project ${result.project.id}: invites last ${ttl === null ? `the deployment default (${config.inviteTtlSeconds} s)` : `${ttl} s`}`,
      );
    }
    if (policyChanged) {
      const result = await updateProjectSettings({ store }, projectId, policyPatch);
      if (!result.ok) {
        process.stderr.write(
          result.reason === 'invalid_assurance_policy'
            ? `The assurance policy was not changed: ${result.problem}\n`
            : `Could not update the project: ${result.reason.replaceAll('_', ' ')}\n`,
        );
        return 1;
      }
      print(`Updated project ${result.project.id}: ${describePolicy(result.project)}`);
    }
    return 0;
  });
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
        const account = await createAccount(deps(store), { name: required(values.name, 'name') });
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
