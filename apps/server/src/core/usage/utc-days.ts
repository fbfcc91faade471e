// Usage is kept per UTC calendar day, written `YYYY-MM-DD`: the same day on every server whatever its
// time zone, and a string that sorts in time order.
import type { UtcDay } from '../../store/store.ts';

const DAY_MS = 86_400_000;

export function utcDayOf(instant: Date): UtcDay {
  return instant.toISOString().slice(0, 10);
}

/** The day `count` days after `day` (before it when negative). */
export function addUtcDays(day: UtcDay, count: number): UtcDay {
  return utcDayOf(new Date(Date.parse(`${day}T00:00:00.000Z`) + count * DAY_MS));
}

/** Milliseconds from `instant` until the next UTC midnight (1 … 86,400,000). */
export function msUntilNextUtcDay(instant: Date): number {
  const ms = instant.getTime();
  return DAY_MS - (((ms % DAY_MS) + DAY_MS) % DAY_MS);
}

/** Every day from `since` up to, not including, `until`. */
export function listUtcDays(since: UtcDay, until: UtcDay): UtcDay[] {
  const days: UtcDay[] = [];
  for (let day = since; day < until; day = addUtcDays(day, 1)) days.push(day);
  return days;
}
