/** In-memory RenderStores seeded the way expressions.yaml describes its `stores`. */
import type { RenderStores } from "../../src/expression/extension.js";

interface Seed {
  secrets?: Record<string, string>;
  kv?: Record<string, Record<string, unknown>>;
  namespaceFiles?: Record<string, Record<string, string>>;
  internalStorage?: Record<string, string>;
}

export function storesFrom(seed: Seed): RenderStores {
  const secrets = new Map(Object.entries(seed.secrets ?? {}).map(([k, v]) => [k.toUpperCase(), v]));
  return {
    secret: async (key) => secrets.get(key.toUpperCase()),
    kv: async (namespace, key) => {
      const values = seed.kv?.[namespace];
      return values && Object.hasOwn(values, key) ? { value: values[key] } : undefined;
    },
    readNamespaceFile: async (namespace, path) => seed.namespaceFiles?.[namespace]?.[path.replace(/^\//, "")],
    readInternal: async (uri) => seed.internalStorage?.[uri],
    fileSize: async (uri) => {
      const content = seed.internalStorage?.[uri];
      return content === undefined ? undefined : new TextEncoder().encode(content).length;
    },
    fileExists: async (uri, namespace) =>
      seed.internalStorage?.[uri] !== undefined || seed.namespaceFiles?.[namespace]?.[uri] !== undefined,
  };
}
