/** Time comes from here, never from `new Date()` in domain code, so expiry and retries are testable. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to; for tests. */
export class ManualClock implements Clock {
  #nowMs: number;

  constructor(start: Date = new Date('2026-01-01T00:00:00.000Z')) {
    this.#nowMs = start.getTime();
  }

  now(): Date {
    return new Date(this.#nowMs);
  }

  advanceBy(milliseconds: number): void {
    this.#nowMs += milliseconds;
  }
}
