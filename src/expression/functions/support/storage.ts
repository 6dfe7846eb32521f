/**
 * What the storage-bound functions share: asynchronous store lookups through
 * `context.await` (settled, so a store failure becomes an ordinary function error on
 * replay), Kestra's access rule for `kestra:///` URIs, and the resolution of a `path`
 * argument into an internal-storage URI or a namespace file.
 *
 * Access rule (Kestra's AbstractFileFunction): a function may read the files of the current
 * execution (`kestra:///<ns/as/path>/<flow-slug>/executions/<executionId>/...`), of the
 * execution that triggered it (`trigger.namespace`, `trigger.flowId`,
 * `trigger.executionId`, e.g. a subflow's parent), and (Kestra 1.x) the namespace files of
 * the flow's namespace (`kestra:///<ns/as/path>/_files/...`).
 */
import type { Args, CallContext, RenderStores } from "../../extension.js";
import { slugify } from "../../filters/slugify.js";
import { javaString } from "../../values.js";
import { castString, contextMap, fail, flowNamespace, requireArg, stringField } from "./args.js";

/** The store method errorLogs() needs (a proposed addition to RenderStores). */
export interface ErrorLogStore {
  /** The execution's ERROR log entries, oldest first. Kestra retries for up to 5 s while the list is empty. */
  errorLogs?(tenantId: string | undefined, executionId: string): Promise<readonly unknown[]>;
}

/** An HTTP request of the http() function, with the query already in the URI. */
export interface HttpCall {
  readonly uri: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, readonly string[]>>;
  readonly body?: string;
  readonly contentType?: string;
  /** Kestra's HTTP client configuration (timeouts, auth, proxy, ...), as given. */
  readonly options?: unknown;
}

export interface HttpReply {
  readonly status: number;
  readonly reason: string;
  readonly contentType: string | undefined;
  readonly body: string;
}

/** The store method http() uses when the host has one (proposed addition to RenderStores); else fetch(). */
export interface HttpStore {
  http?(request: HttpCall): Promise<HttpReply>;
}

/** A store lookup's outcome, as cached by `context.await`. */
export type Settled<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string; readonly expired: boolean };

/** Awaits a store call under `key`; a rejection is kept as a value so replays see the same outcome. */
export function settle<T>(context: CallContext, key: string, load: () => Promise<T>): Settled<T> {
  return context.await<Settled<T>>(key, () =>
    // Promise.resolve().then(load) also turns a synchronous throw of `load` into a settled failure.
    Promise.resolve()
      .then(load)
      .then(
        (value): Settled<T> => ({ ok: true, value }),
        (error: unknown): Settled<T> => {
          const message = error instanceof Error ? error.message : javaString(error);
          const expired =
            error instanceof Error && (error.name === "ResourceExpiredError" || /has expired/i.test(message));
          return { ok: false, message, expired };
        },
      ),
  );
}

/** The settled value, or the store's failure as an `expression.storage` error. */
export function storeValue<T>(settled: Settled<T>): T {
  if (!settled.ok) throw fail("expression.storage", settled.message);
  return settled.value;
}

/**
 * Calls a store under an await key; `use` returns undefined when the host has no such
 * store, which then fails the call (on replay, like any store failure).
 */
export function fromStores<T>(
  context: CallContext,
  key: string,
  functionName: string,
  use: (stores: RenderStores & ErrorLogStore & HttpStore) => Promise<T> | undefined,
): Settled<T> {
  return settle(
    context,
    key,
    () =>
      use(context.stores) ?? Promise.reject(new Error(`The '${functionName}' function has no storage to read here`)),
  );
}

function namespacePath(namespace: string): string {
  return namespace.replaceAll(".", "/");
}

/** `kestra:///<ns/as/path>/_files/<path>`. */
export function namespaceFileUri(namespace: string, path: string): string {
  return `kestra:///${namespacePath(namespace)}/_files/${path}`;
}

export function isKestraUri(path: string): boolean {
  return /^kestra:\/\//i.test(path);
}

/** `kestra:///a/b` for `kestra:///a/b`, `KESTRA://a/b`, ... */
export function normalizeKestraUri(uri: string): string {
  return `kestra:///${uri.replace(/^kestra:\/*/i, "")}`;
}

function hasParentSegment(path: string): boolean {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // keep the raw path
  }
  return [path, decoded].some((p) => p.split(/[/\\]/).includes(".."));
}

function executionPrefix(namespace: string | undefined, flowId: string | undefined, executionId: string | undefined) {
  if (namespace === undefined || flowId === undefined || executionId === undefined) return undefined;
  return `kestra:///${namespacePath(namespace)}/${slugify(flowId)}/executions/${executionId}/`;
}

/**
 * Checks that a normalized `kestra:///` URI may be read from this render; returns the
 * namespace the file belongs to (the flow's or the triggering execution's).
 */
export function checkFileAccess(context: CallContext, uri: string): string {
  if (hasParentSegment(uri)) {
    throw fail("expression.storage", "File should be accessed with their full path and not using relative '..' path.");
  }
  const flow = contextMap(context, "flow");
  const namespace = stringField(flow, "namespace");
  const current = executionPrefix(
    namespace,
    stringField(flow, "id"),
    stringField(contextMap(context, "execution"), "id"),
  );
  if (namespace !== undefined && current !== undefined && uri.startsWith(current)) return namespace;
  if (namespace !== undefined && uri.startsWith(namespaceFileUri(namespace, ""))) return namespace;
  const trigger = contextMap(context, "trigger");
  const triggerNamespace = stringField(trigger, "namespace");
  const parent = executionPrefix(triggerNamespace, stringField(trigger, "flowId"), stringField(trigger, "executionId"));
  if (triggerNamespace !== undefined && parent !== undefined && uri.startsWith(parent)) return triggerNamespace;
  throw fail("expression.storage", `Unable to read the file '${uri}' as it didn't belong to the current execution`);
}

/** Where a `path` argument points. */
export type FileTarget =
  | { readonly kind: "internal"; readonly uri: string; readonly namespace: string }
  | { readonly kind: "namespace"; readonly path: string; readonly namespace: string; readonly uri: string };

function namespaceFile(namespace: string, path: string): FileTarget {
  const relative = path.replace(/^\/+/, "");
  if (hasParentSegment(relative)) throw fail("expression.storage", "Path must not contain '../'");
  return { kind: "namespace", path: relative, namespace, uri: namespaceFileUri(namespace, relative) };
}

/**
 * Resolves the `path` (and optional `namespace`) arguments of read/fileExists/isFileEmpty:
 * a `kestra://` URI (access-checked), an `nsfile://[namespace]/path` URI or a relative
 * namespace-file path (in `namespace`, default the flow's).
 */
export function resolveFileArg(args: Args, context: CallContext, functionName: string, missing: string): FileTarget {
  const path = requireArg(args, "path", missing);
  if (typeof path !== "string") throw fail("expression.argument", `Unable to read the file ${javaString(path)}`);
  if (isKestraUri(path)) {
    const uri = normalizeKestraUri(path);
    return { kind: "internal", uri, namespace: checkFileAccess(context, uri) };
  }
  const namespaceArg = castString(args.namespace);
  const nsfile = /^nsfile:\/\/([^/]*)\/(.*)$/s.exec(path);
  if (nsfile) {
    const authority = nsfile[1] ?? "";
    if (namespaceArg !== null && authority !== "") {
      throw fail("expression.argument", "You cannot set a namespace both as the function argument and inside the URI");
    }
    return namespaceFile(namespaceArg ?? (authority || flowNamespace(context, functionName)), nsfile[2] ?? "");
  }
  if (/^file:/i.test(path)) {
    throw fail("expression.storage", "The file:// protocol has been disabled inside the Kestra configuration.");
  }
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(path)) {
    throw fail("expression.argument", `Cannot process the URI ${path}: scheme not supported.`);
  }
  return namespaceFile(namespaceArg ?? flowNamespace(context, functionName), path);
}

export function fileNotFound(target: FileTarget): never {
  throw fail("expression.storage", `File not found: ${target.uri}`);
}

/** The content of the target as text (undefined when it does not exist). */
export function readTarget(context: CallContext, target: FileTarget, functionName: string): string | undefined {
  if (target.kind === "internal") {
    return storeValue(fromStores(context, `read:${target.uri}`, functionName, (s) => s.readInternal?.(target.uri)));
  }
  const key = `nsfile:${target.namespace}:${target.path}`;
  return storeValue(
    fromStores(context, key, functionName, (s) => s.readNamespaceFile?.(target.namespace, target.path)),
  );
}

/** The store's argument for a target: the URI of an internal file, the relative path of a namespace file. */
function storeLocation(target: FileTarget): string {
  return target.kind === "internal" ? target.uri : target.path;
}

/** Size in bytes (undefined when missing), from the store's fileSize or else the content. */
export function sizeOfTarget(context: CallContext, target: FileTarget, functionName: string): number | undefined {
  if (context.stores.fileSize === undefined) {
    const content = readTarget(context, target, functionName);
    return content === undefined ? undefined : new TextEncoder().encode(content).length;
  }
  const location = storeLocation(target);
  const key = `fileSize:${target.namespace}:${location}`;
  return storeValue(fromStores(context, key, functionName, (s) => s.fileSize?.(location, target.namespace)));
}

/** Whether the target exists, from the store's fileExists or else its size. */
export function targetExists(context: CallContext, target: FileTarget, functionName: string): boolean {
  if (context.stores.fileExists === undefined) return sizeOfTarget(context, target, functionName) !== undefined;
  const location = storeLocation(target);
  const key = `fileExists:${target.namespace}:${location}`;
  return storeValue(fromStores(context, key, functionName, (s) => s.fileExists?.(location, target.namespace)));
}
