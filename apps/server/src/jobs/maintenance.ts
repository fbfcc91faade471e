// Periodic upkeep: expire invites whose time is up (so USER_VERIFICATION_DETERMINED_UNFULFILLABLE /
// EXPIRED goes out even if nobody asks for the user's status), purge expired challenges, and forget
// velocity digests no limit can count any more (docs/assurance.md §5). Safe to
// run in several processes at once: each expiry re-checks its session under a row lock.
import type { Logger } from 'pino';
import type { CoreContext } from '../core/context.ts';
import { clearStaleVelocityDigests } from '../core/velocity/assess-velocity.ts';
import { expireDueSessions } from '../core/verification/verification-sessions.ts';

export interface MaintenanceJob {
  /** One pass; returns what it did (tests call this directly). */
  runOnce(): Promise<{ expiredSessions: number; deletedChallenges: number }>;
  stop(): Promise<void>;
}

export function startMaintenance(
  deps: Pick<CoreContext, 'store' | 'clock'>,
  options: { logger: Logger; intervalMs?: number },
): MaintenanceJob {
  let running: Promise<unknown> = Promise.resolve();
  const runOnce = async () => {
    const expiredSessions = await expireDueSessions(deps);
    const deletedChallenges = await deps.store.deleteExpiredChallenges(deps.clock.now());
    await deps.store.deleteExpiredIdempotencyKeys(deps.clock.now());
    await clearStaleVelocityDigests(deps);
    return { expiredSessions, deletedChallenges };
  };
  const timer = setInterval(() => {
    running = runOnce()
      .then((result) => {
        if (result.expiredSessions > 0) options.logger.info(result, 'maintenance pass');
      })
      .catch((error: unknown) => options.logger.error({ err: error }, 'maintenance pass failed'));
  }, options.intervalMs ?? 30_000);
  timer.unref();
  return {
    runOnce,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
