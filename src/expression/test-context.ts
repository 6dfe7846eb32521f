/**
 * A CallContext for unit tests of filters and functions, without the engine: fixed clock,
 * UTC, en-US, in-memory stores, and `await` that resolves only what was pre-seeded.
 */
import { Temporal } from "temporal-polyfill";
import type { CallContext, RenderStores } from "./extension.js";

export interface TestContextOptions {
  readonly timeZone?: string;
  readonly locale?: string;
  readonly now?: string;
  readonly variables?: Record<string, unknown>;
  readonly stores?: RenderStores;
  /** Results of async lookups, by the key the function passes to `await`. */
  readonly resolved?: Record<string, unknown>;
}

export function testContext(options: TestContextOptions = {}): CallContext & { readonly secrets: string[] } {
  const variables = options.variables ?? {};
  const secrets: string[] = [];
  return {
    timeZone: options.timeZone ?? "UTC",
    locale: options.locale ?? "en-US",
    now: () => Temporal.Instant.from(options.now ?? "2024-01-02T03:04:05.123456Z"),
    variable: (name) => variables[name],
    variables: () => variables,
    render: (value) => value,
    await<T>(key: string): T {
      if (options.resolved && key in options.resolved) return options.resolved[key] as T;
      throw new Error(`test context: no resolved value for ${key}`);
    },
    stores: options.stores ?? {},
    registerSecret: (value) => secrets.push(value),
    secrets,
  };
}
