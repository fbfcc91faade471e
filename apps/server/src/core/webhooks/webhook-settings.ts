import type { Config } from '../../config.ts';
import type { DestinationPolicy } from './destination-policy.ts';
import { DEFAULT_RETRY_SCHEDULE, type RetrySchedule } from './retry-schedule.ts';

/** docs/api.md §4/§5 safety: private destinations are refused in production mode only. */
export function destinationPolicyOf(config: Pick<Config, 'mode' | 'webhooks'>): DestinationPolicy {
  return { enforce: config.mode === 'production', allowedHosts: new Set(config.webhooks.allowedHosts) };
}

export function retryScheduleOf(config: Pick<Config, 'webhooks'>): RetrySchedule {
  return {
    ...DEFAULT_RETRY_SCHEDULE,
    baseDelayMs: config.webhooks.retryBaseSeconds * 1000,
    maxDelayMs: config.webhooks.retryMaxSeconds * 1000,
  };
}
