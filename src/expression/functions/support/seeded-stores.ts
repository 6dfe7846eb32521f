/**
 * In-memory stores seeded like the `stores` field of the conformance cases
 * (shared/kestra/expressions.yaml), and a runner that replays a call until every
 * `context.await` it makes has its answer, the way the engine replays a suspended render.
 * For unit tests and conformance harnesses; nothing in production imports it.
 */
import type { CallContext, FunctionDefinition, RenderStores } from "../../extension.js";
import { type TestContextOptions, testContext } from "../../test-context.js";
import { isMap } from "../../values.js";
import type { ErrorLogStore } from "./storage.js";

export interface StoreSeed {
  /** Secret key → decoded value (looked up case-insensitively, as Kestra OSS does). */
  readonly secrets?: Readonly<Record<string, string>>;
  /** Namespace → key → value. */
  readonly kv?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Namespace → key list of expired entries (reading one rejects as Kestra's store does). */
  readonly expiredKv?: Readonly<Record<string, readonly string[]>>;
  /** Namespace → relative path → UTF-8 content. */
  readonly namespaceFiles?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** `kestra:///` URI → UTF-8 content. */
  readonly internalStorage?: Readonly<Record<string, string>>;
  /** Log entries; errorLogs() returns those with level ERROR of the asked execution. */
  readonly logs?: readonly unknown[];
}

export interface SeededStoreOptions {
  /** Whether errorLogs is available (Kestra: only on the Worker). */
  readonly worker?: boolean;
}

function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

function content(seed: StoreSeed, uriOrPath: string, namespace: string): string | undefined {
  return uriOrPath.startsWith("kestra:")
    ? own(seed.internalStorage, uriOrPath)
    : own(own(seed.namespaceFiles, namespace), uriOrPath);
}

export function seededStores(seed: StoreSeed, options: SeededStoreOptions = {}): RenderStores & ErrorLogStore {
  const stores: RenderStores & ErrorLogStore = {
    async secret(key) {
      const wanted = key.toUpperCase();
      const found = Object.keys(seed.secrets ?? {}).find((k) => k.toUpperCase() === wanted);
      return found === undefined ? undefined : own(seed.secrets, found);
    },
    async kv(namespace, key) {
      if (own(seed.expiredKv, namespace)?.includes(key)) throw new Error("The requested value has expired");
      const values = own(seed.kv, namespace);
      return values !== undefined && Object.hasOwn(values, key) ? { value: values[key] } : undefined;
    },
    async readNamespaceFile(namespace, path) {
      return own(own(seed.namespaceFiles, namespace), path);
    },
    async readInternal(uri) {
      return own(seed.internalStorage, uri);
    },
    async fileSize(uriOrPath, namespace) {
      const text = content(seed, uriOrPath, namespace);
      return text === undefined ? undefined : new TextEncoder().encode(text).length;
    },
    async fileExists(uriOrPath, namespace) {
      return content(seed, uriOrPath, namespace) !== undefined;
    },
  };
  if (options.worker) {
    stores.errorLogs = async (_tenantId, executionId) =>
      (seed.logs ?? []).filter(
        (log) =>
          isMap(log) && log.level === "ERROR" && (log.executionId === undefined || log.executionId === executionId),
      );
  }
  return stores;
}

class Suspended {
  constructor(
    readonly key: string,
    readonly promise: Promise<unknown>,
  ) {}
}

/**
 * Runs `call` with a test context whose `await` suspends on a missing answer; loads it and
 * replays, as the engine does. Returns the result and the secrets registered for masking.
 */
export async function callWithStores<T>(
  call: (context: CallContext) => T,
  options: TestContextOptions,
): Promise<{ readonly result: T; readonly secrets: readonly string[] }> {
  const answers = new Map<string, unknown>();
  for (let round = 0; round < 100; round++) {
    const base = testContext(options);
    const context: CallContext = {
      ...base,
      await<U>(key: string, load: () => Promise<U>): U {
        if (answers.has(key)) return answers.get(key) as U;
        throw new Suspended(key, load());
      },
    };
    try {
      return { result: call(context), secrets: base.secrets };
    } catch (error) {
      if (!(error instanceof Suspended)) throw error;
      answers.set(error.key, await error.promise);
    }
  }
  throw new Error("callWithStores: more than 100 suspensions");
}

/** Arguments as the engine builds them: positional values mapped onto the declared names, then named ones. */
export function argsFor(
  definition: { readonly args: readonly string[] },
  positional: readonly unknown[] = [],
  named: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  const args: Record<string, unknown> = { $positional: positional };
  positional.forEach((value, index) => {
    const name = definition.args[index];
    if (name !== undefined) args[name] = value;
  });
  return { ...args, ...named };
}

/** Calls a function definition directly, as the engine would, with a testContext(). */
export function callFunction(
  definition: FunctionDefinition,
  positional: readonly unknown[] = [],
  named: Readonly<Record<string, unknown>> = {},
  options: TestContextOptions = {},
): unknown {
  return definition.call(argsFor(definition, positional, named), testContext(options));
}
