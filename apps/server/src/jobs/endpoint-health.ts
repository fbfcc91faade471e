// A webhook endpoint's health as its deliveries succeed or fail: the failure clock starts at the first
// failure, a success clears it, and five days of failures disable the endpoint (the decision itself is
// core/webhooks/delivery-policy.ts; this keeps the bookkeeping and the order of updates).
import type { Logger } from 'pino';
import { endpointActionAfterFailure, mustClearFailingSince } from '../core/webhooks/delivery-policy.ts';
import type { ClaimedDelivery, Store } from '../store/store.ts';

export interface EndpointHealthTracker {
  /** Records one settled attempt's result against its endpoint; updates of one endpoint run in order. */
  track(claimed: ClaimedDelivery, succeeded: boolean, now: Date): Promise<void>;
}

export function createEndpointHealthTracker(store: Store, logger: Logger): EndpointHealthTracker {
  // Endpoints this worker has marked failing; a success clears the mark even when the claim's snapshot
  // of the endpoint predates it (deliveries of one batch share one snapshot).
  const markedFailing = new Set<string>();
  // Health updates of one endpoint run one after another, so concurrent attempts of a batch never
  // interleave their read-then-write.
  const healthQueues = new Map<string, Promise<void>>();

  function trackEndpointHealth(claimed: ClaimedDelivery, succeeded: boolean, now: Date): Promise<void> {
    const id = claimed.endpoint.id;
    const run = (healthQueues.get(id) ?? Promise.resolve()).then(() =>
      updateEndpointHealth(claimed, succeeded, now),
    );
    const queued = run.catch(() => {});
    healthQueues.set(id, queued);
    void queued.then(() => {
      if (healthQueues.get(id) === queued) healthQueues.delete(id);
    });
    return run;
  }

  async function updateEndpointHealth(
    claimed: ClaimedDelivery,
    succeeded: boolean,
    now: Date,
  ): Promise<void> {
    const { endpoint } = claimed;
    if (succeeded) {
      // The hot path: no read unless this endpoint was failing.
      if (mustClearFailingSince(endpoint.failingSince, markedFailing.has(endpoint.id))) {
        await store.updateWebhookEndpoint(endpoint.id, { failingSince: null, updatedAt: now });
        markedFailing.delete(endpoint.id);
      }
      return;
    }
    // Failures decide on the endpoint as it is now, not as it was when the batch was claimed: a success
    // or a manual re-enable since then has reset the failure clock.
    const fresh = await store.findWebhookEndpoint({
      projectId: endpoint.projectId,
      mode: endpoint.mode,
      id: endpoint.id,
    });
    const action = endpointActionAfterFailure(fresh, now);
    if (action === 'none') return;
    if (action === 'start_failing') {
      await store.updateWebhookEndpoint(endpoint.id, { failingSince: now, updatedAt: now });
      markedFailing.add(endpoint.id);
    } else if (action === 'disable') {
      await store.updateWebhookEndpoint(endpoint.id, {
        enabled: false,
        disabledReason: 'failing',
        updatedAt: now,
      });
      markedFailing.delete(endpoint.id);
      logger.warn({ endpointId: endpoint.id }, 'webhook endpoint disabled after 5 days of failures');
    } else {
      markedFailing.add(endpoint.id);
    }
  }

  return { track: trackEndpointHealth };
}
