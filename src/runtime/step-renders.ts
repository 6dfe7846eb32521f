/**
 * The executor's renders (runIf, If and Switch conditions, ForEach values, flow outputs...) are
 * synchronous: step() is pure. When one calls a storage function (`kv()`, `secret()`,
 * `read()`...), the host runs the step, sees which lookups its renders missed, drops the
 * step's result, loads them, and runs the same event again with the values at hand. A step
 * is pure, so running it again changes nothing but what the renders read. Once a step is
 * applied, later steps read storage afresh (a loop waiting on a KV value sees it change).
 */
import type { ExpressionEngine, RenderOptions, SyncLookups } from "../expression/engine.js";

/** How many times one event may be run again for lookups before its step is applied as it is. */
const MAX_ROUNDS = 32;

export class StepRenders {
  private readonly lookups: SyncLookups = { resolved: new Map(), missing: new Map() };
  private rounds = 0;

  constructor(private readonly engine: ExpressionEngine) {}

  /** The render the executor's StepDeps take for one step, with the execution's stores and clock. */
  renderer(options: RenderOptions): (template: unknown, variables: Readonly<Record<string, unknown>>) => unknown {
    const withLookups = { ...options, lookups: this.lookups };
    return (template, variables) => this.engine.renderValue(template, variables, withLookups);
  }

  /**
   * After a step: whether its renders missed storage values, so that its result must be dropped
   * and the event run again once `load()` got them. False after too many rounds: the step is
   * then applied with the renders' errors.
   */
  needsLookups(): boolean {
    if (this.lookups.missing.size === 0) return false;
    if (this.rounds >= MAX_ROUNDS) {
      this.lookups.missing.clear();
      return false;
    }
    return true;
  }

  /** Loads the values the last step missed (a failed load is kept as the render's error). */
  async load(): Promise<void> {
    this.rounds++;
    const missing = [...this.lookups.missing];
    this.lookups.missing.clear();
    for (const [key, load] of missing) {
      try {
        this.lookups.resolved.set(key, { value: await load() });
      } catch (error) {
        this.lookups.resolved.set(key, { error });
      }
    }
  }

  /** The step was applied: the next one reads storage afresh. */
  applied(): void {
    this.rounds = 0;
    this.lookups.resolved.clear();
    this.lookups.missing.clear();
  }
}
