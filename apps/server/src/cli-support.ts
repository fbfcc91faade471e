// What every `poy` command shares: the usage error, flag readers, the store for the command's life,
// and printing. Commands live in cli.ts (dispatch), project-commands.ts and transfer-commands.ts.
import type { Config } from './config.ts';
import type { AuditActor } from './core/audit/record-audit-event.ts';
import { createLogger } from './logger.ts';
import { openConfiguredStore } from './main.ts';
import { KEY_MODES, type KeyMode, PLANS, type Plan, type Store } from './store/store.ts';

/** Who the audit log says made a change from the command line (whoever has the server's shell). */
export const CLI_ACTOR: AuditActor = { kind: 'cli' };

/** A mistake in the command line: answered with the usage text and exit code 2. */
export class UsageError extends Error {}

export function required(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`Missing --${flag}`);
  return value;
}

export function optionalPositiveInteger(value: string | undefined, flag: string): number | null {
  if (value === undefined) return null;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new UsageError(`--${flag} must be a positive integer`);
  return parsed;
}

export function originOf(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.origin;
  } catch {
    // Reported below.
  }
  throw new UsageError(`--webauthn-origin must be an http(s) origin, got ${value}`);
}

export function isPlan(value: string): value is Plan {
  return PLANS.some((plan) => plan === value);
}

export function isKeyMode(value: string): value is KeyMode {
  return KEY_MODES.some((mode) => mode === value);
}

export async function withStore<T>(config: Config, fn: (store: Store) => Promise<T>): Promise<T> {
  const logger = createLogger({ logLevel: 'warn' });
  const store = await openConfiguredStore(config, logger, true);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export function print(line: string): void {
  process.stdout.write(`${line}\n`);
}
