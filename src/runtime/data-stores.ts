/**
 * The data plane a host lends its executions (the KV store, namespace files, secrets) and the
 * RenderStores the expression functions read through (`kv()`, `secret()`, `read()`...), built
 * the same way on every host from whatever stores it has.
 */
import type { RenderStores } from "../expression/extension.js";
import type { KvStore } from "../storage/kv-store.js";
import type { SecretStore } from "../storage/secrets.js";

export interface DataStores {
  readonly kv?: KvStore;
  readonly secrets?: SecretStore;
}

/** RenderStores over the host's stores; a store the host lacks leaves its functions failing clearly. */
export function renderStoresOf(stores: DataStores): RenderStores {
  const out: { -readonly [K in keyof RenderStores]: RenderStores[K] } = {};
  const kv = stores.kv;
  if (kv) out.kv = async (namespace, key) => kv.get(namespace, key);
  const secrets = stores.secrets;
  if (secrets) out.secret = async (key) => secrets.get(key);
  return out;
}

/** A KV store for a host that has none: every call says so. */
export function unavailableKvStore(): KvStore {
  const fail = async (): Promise<never> => {
    throw new Error("The KV store is not available on this host");
  };
  return { put: fail, get: fail, delete: fail, list: fail };
}
