/**
 * Clocks for the local host: the real one (setTimeout), or a fake one whose time only
 * moves when the host jumps it to the next timer, so retries and sleeps take no time in
 * tests.
 */

export interface Clock {
  now(): Date;
  /** Calls `fire` at the epoch-millisecond instant `at`; returns a cancel function. */
  schedule(at: number, fire: () => void): () => void;
  /** True for a fake clock: the host advances it instead of waiting. */
  readonly fake: boolean;
  advanceTo?(at: number): void;
}

export function realClock(): Clock {
  return {
    now: () => new Date(),
    schedule(at, fire) {
      const handle = setTimeout(fire, Math.max(0, at - Date.now()));
      return () => clearTimeout(handle);
    },
    fake: false,
  };
}

export function fakeClock(start = "2024-01-02T03:04:05.123Z"): Clock {
  let current = Date.parse(start);
  return {
    now: () => new Date(current),
    // Timeouts of running tasks never fire on a fake clock: tasks complete in real time.
    schedule: () => () => undefined,
    fake: true,
    advanceTo(at) {
      current = Math.max(current, at);
    },
  };
}
