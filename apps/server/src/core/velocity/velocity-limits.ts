// The velocity limits a project may set (docs/assurance.md §5): their names, defaults and bounds.
import { z } from 'zod';
import type { VelocityLimits } from '../../store/store.ts';

export type { VelocityLimits } from '../../store/store.ts';

/** The numeric limits, by the name `poy project update --velocity <name>=<n>` and the API use. */
export const VELOCITY_LIMIT_NAMES = [
  'newHumansPerIpPerHour',
  'newHumansPerPrefixPerHour',
  'newHumansPerDevicePerDay',
  'startsPerIpPerHour',
  'startsPerDevicePerHour',
] as const;
export type VelocityLimitName = (typeof VELOCITY_LIMIT_NAMES)[number];

/**
 * Defaults, argued in docs/assurance.md §5: a household or an office behind one address makes a few
 * new people an hour, a carrier-grade NAT prefix more; one phone is one person, with room for a
 * family sharing it; starts are cheap (a reload is not a start), so their limits are looser.
 */
export const DEFAULT_VELOCITY_LIMITS: Readonly<VelocityLimits> = Object.freeze({
  newHumansPerIpPerHour: 5,
  newHumansPerPrefixPerHour: 20,
  newHumansPerDevicePerDay: 3,
  startsPerIpPerHour: 30,
  startsPerDevicePerHour: 10,
  velocityAction: 'review',
});

/** A limit of 0 would refuse everyone, one above 10,000 an hour would never bite. */
export const VELOCITY_LIMIT_BOUNDS = { min: 1, max: 10_000 } as const;

const limitValue = z
  .number()
  .int('must be a whole number')
  .min(VELOCITY_LIMIT_BOUNDS.min, `must be at least ${VELOCITY_LIMIT_BOUNDS.min}`)
  .max(VELOCITY_LIMIT_BOUNDS.max, `must be at most ${VELOCITY_LIMIT_BOUNDS.max}`);

export const velocityLimitsSchema = z.strictObject({
  newHumansPerIpPerHour: limitValue,
  newHumansPerPrefixPerHour: limitValue,
  newHumansPerDevicePerDay: limitValue,
  startsPerIpPerHour: limitValue,
  startsPerDevicePerHour: limitValue,
  velocityAction: z.enum(['review', 'fail']),
});

export function isVelocityLimitName(name: string): name is VelocityLimitName {
  return VELOCITY_LIMIT_NAMES.some((known) => known === name);
}
