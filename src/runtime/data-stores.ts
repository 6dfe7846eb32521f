/**
 * The data plane a host lends its executions (the KV store, namespace files, secrets) and the
 * RenderStores the expression functions read through (`kv()`, `secret()`, `read()`,
 * `fileExists()`...), built the same way on every host from whatever stores it has.
 */
import type { RenderStores } from "../expression/extension.js";
import type { BlobStore } from "../storage/internal.js";
import type { KvStore } from "../storage/kv-store.js";
import type { NamespaceFiles } from "../storage/namespace-files.js";
import type { SecretStore } from "../storage/secrets.js";

export interface DataStores {
  readonly kv?: KvStore;
  readonly secrets?: SecretStore;
  readonly namespaceFiles?: NamespaceFiles;
  /** Internal storage, for the size and existence of `kestra:///` files (whose access the functions check). */
  readonly storage?: BlobStore;
}

const isKestraUri = (path: string) => /^kestra:\/\//i.test(path);
const decode = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : new TextDecoder().decode(bytes));

/** RenderStores over the host's stores; a store the host lacks leaves its functions failing clearly. */
export function renderStoresOf(stores: DataStores): RenderStores {
  const out: { -readonly [K in keyof RenderStores]: RenderStores[K] } = {};
  const { kv, secrets, namespaceFiles: files, storage } = stores;
  if (kv) out.kv = async (namespace, key) => kv.get(namespace, key);
  if (secrets) out.secret = async (key) => secrets.get(key);
  if (files) {
    out.readNamespaceFile = async (namespace, path) => decode(await files.get(namespace, path));
    const sizeOf = async (uriOrPath: string, namespace: string): Promise<number | undefined> => {
      if (isKestraUri(uriOrPath)) return (await storage?.stat(uriOrPath))?.size;
      const found = await files.stat(namespace, uriOrPath);
      return found && !found.directory ? found.size : undefined;
    };
    out.fileSize = sizeOf;
    out.fileExists = async (uriOrPath, namespace) => (await sizeOf(uriOrPath, namespace)) !== undefined;
  }
  return out;
}

function unavailable(what: string): () => Promise<never> {
  return async () => {
    throw new Error(`${what} is not available on this host`);
  };
}

/** A KV store for a host that has none: every call says so. */
export function unavailableKvStore(): KvStore {
  const fail = unavailable("The KV store");
  return { put: fail, get: fail, delete: fail, list: fail };
}

/** Namespace files for a host that has none: every call says so. */
export function unavailableNamespaceFiles(): NamespaceFiles {
  const fail = unavailable("Namespace files are");
  return {
    uri: (namespace, path) => `kestra:///${namespace.replaceAll(".", "/")}/_files/${path.replace(/^\/+/, "")}`,
    put: fail,
    get: fail,
    open: fail,
    stat: fail,
    list: fail,
    all: fail,
    createDirectory: fail,
    move: fail,
    delete: fail,
  };
}
