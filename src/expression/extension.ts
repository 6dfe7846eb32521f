/**
 * How filters, functions and tests plug into the engine. Each declares its argument names
 * (Pebble maps positional arguments onto them in order, and accepts them by name); the
 * engine hands over a CallContext with the render environment.
 */
import type { Temporal } from "temporal-polyfill";

/** Arguments by declared name; absent ones are undefined. `$positional` keeps the raw positional list. */
export interface Args {
  readonly [name: string]: unknown;
}

/** Storage the storage-bound functions read through (implemented by each host). */
export interface RenderStores {
  /** Secret value by key (case-insensitive, as Kestra OSS does), or undefined when missing. */
  secret?(key: string, namespace: string): Promise<string | undefined>;
  /** KV value of a namespace, or undefined when missing; rejects when expired. */
  kv?(namespace: string, key: string): Promise<{ value: unknown } | undefined>;
  /** Content of a namespace file (relative path) as UTF-8 text, or undefined. */
  readNamespaceFile?(namespace: string, path: string): Promise<string | undefined>;
  /** Content of an internal-storage file (`kestra:///...`) as UTF-8 text, or undefined. */
  readInternal?(uri: string): Promise<string | undefined>;
  /** Size in bytes of an internal-storage file or namespace file, or undefined. */
  fileSize?(uriOrPath: string, namespace: string): Promise<number | undefined>;
  /** Whether a namespace file or internal-storage file exists. */
  fileExists?(uriOrPath: string, namespace: string): Promise<boolean>;
}

export interface CallContext {
  /** The server's default time zone (IANA id), `UTC` unless configured. */
  readonly timeZone: string;
  /** The server's locale (BCP 47), `en-US` unless configured. */
  readonly locale: string;
  /** The current instant (a fixed clock in tests). */
  now(): Temporal.Instant;
  /** The variables visible where the call happens (context plus `set` variables). */
  variable(name: string): unknown;
  /** All root variables, for printContext() and render(). */
  variables(): Readonly<Record<string, unknown>>;
  /** Renders a value (string, list or map) against the current variables. */
  render(value: unknown, recursive: boolean): unknown;
  /**
   * Awaits an asynchronous lookup: returns the value when this render already has it,
   * otherwise suspends the render until it arrives (the render is then replayed).
   */
  await<T>(key: string, load: () => Promise<T>): T;
  readonly stores: RenderStores;
  /** Registers a secret value so that logs of the execution mask it. */
  registerSecret(value: string): void;
}

export interface FilterDefinition {
  readonly name: string;
  /** Declared argument names, in positional order. */
  readonly args: readonly string[];
  readonly apply: (input: unknown, args: Args, context: CallContext) => unknown;
}

export interface FunctionDefinition {
  readonly name: string;
  readonly args: readonly string[];
  readonly call: (args: Args, context: CallContext) => unknown;
}

export interface TestDefinition {
  readonly name: string;
  readonly args: readonly string[];
  readonly test: (input: unknown, args: Args, context: CallContext) => boolean;
}

export function defineFilter(definition: FilterDefinition): FilterDefinition {
  return definition;
}

export function defineFunction(definition: FunctionDefinition): FunctionDefinition {
  return definition;
}

export function defineTest(definition: TestDefinition): TestDefinition {
  return definition;
}
