// Records finished webhook attempts in groups: one statement and one commit per group instead of one per
// attempt, since a commit (a WAL flush on PostgreSQL) is what bounds a worker's deliveries per second.
// A group is whatever finished while the previous groups were being written, so a lone attempt is
// recorded at once (next turn of the event loop) and a busy worker writes large groups.
import type { RecordedAttempt, Store, WebhookDelivery } from '../store/store.ts';

export interface AttemptRecorder {
  /** Resolves once the attempt is recorded: its delivery as it now is, null if it no longer exists. */
  record(recorded: RecordedAttempt): Promise<WebhookDelivery | null>;
}

interface Pending {
  recorded: RecordedAttempt;
  resolve(delivery: WebhookDelivery | null): void;
  reject(error: unknown): void;
}

export function createAttemptRecorder(
  store: Pick<Store, 'recordDeliveryAttempts'>,
  options: { maxGroupSize: number; maxConcurrentWrites: number },
): AttemptRecorder {
  let queued: Pending[] = [];
  let writing = 0;
  let scheduled = false;

  function schedule(): void {
    if (scheduled || queued.length === 0 || writing >= options.maxConcurrentWrites) return;
    scheduled = true;
    // Attempts answered in the same turn of the event loop join one group.
    setImmediate(() => {
      scheduled = false;
      writeGroup();
    });
  }

  function writeGroup(): void {
    if (queued.length === 0 || writing >= options.maxConcurrentWrites) return;
    const group = queued.slice(0, options.maxGroupSize);
    queued = queued.slice(group.length);
    writing += 1;
    store
      .recordDeliveryAttempts(group.map((pending) => pending.recorded))
      .then(
        (deliveries) => {
          group.forEach((pending, index) => {
            pending.resolve(deliveries[index] ?? null);
          });
        },
        (error: unknown) => {
          if (group.length === 1) {
            group[0]?.reject(error);
            return;
          }
          // One bad attempt must not fail the others with it (their leases would run out and they would
          // be sent again): each is written on its own.
          for (const pending of group) {
            store
              .recordDeliveryAttempts([pending.recorded])
              .then((deliveries) => pending.resolve(deliveries[0] ?? null), pending.reject);
          }
        },
      )
      .finally(() => {
        writing -= 1;
        schedule();
      });
    schedule();
  }

  return {
    record(recorded) {
      return new Promise((resolve, reject) => {
        queued.push({ recorded, resolve, reject });
        if (queued.length >= options.maxGroupSize) writeGroup();
        schedule();
      });
    },
  };
}
