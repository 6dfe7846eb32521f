/**
 * `kv(key, namespace, errorOnMissing=true)`: a value of the KV store, typed as stored.
 * Without `namespace`, the flow's namespace then its parents are searched (Kestra 1.x
 * inheritance); with one, only that namespace. A missing key is an error unless
 * `errorOnMissing=false` (the 1.x default flipped to true in 0.22); an expired key fails the
 * same way, or gives null with `errorOnMissing=false`.
 */
import { defineFunction } from "../extension.js";
import { castBoolean, castString, fail, flowNamespace, requireArg } from "./support/args.js";
import { fromStores } from "./support/storage.js";

const KEY_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9._-]*$/;

function validateKey(key: string | null): string {
  if (key === null || key === "") throw fail("expression.argument", "Key cannot be null or empty");
  if (!KEY_PATTERN.test(key)) {
    throw fail(
      "expression.argument",
      "Key must start with an alphanumeric character (uppercase or lowercase) and can contain alphanumeric characters (uppercase or lowercase), dots (.), underscores (_), and hyphens (-) only.",
    );
  }
  return key;
}

/** The namespace and its parents, nearest first: a.b.c, a.b, a. */
function lineage(namespace: string): string[] {
  const out = [namespace];
  for (let ns = namespace; ns.includes("."); ) {
    ns = ns.slice(0, ns.lastIndexOf("."));
    out.push(ns);
  }
  return out;
}

export default defineFunction({
  name: "kv",
  args: ["key", "namespace", "errorOnMissing"],
  call(args, context) {
    const key = validateKey(castString(requireArg(args, "key", "The 'kv' function expects an argument 'key'.")));
    const explicit = castString(args.namespace);
    const errorOnMissing = castBoolean(args.errorOnMissing) ?? true;
    const namespace = explicit ?? flowNamespace(context, "kv");
    for (const ns of explicit === null ? lineage(namespace) : [namespace]) {
      const result = fromStores(context, `kv:${ns}:${key}`, "kv", (s) => s.kv?.(ns, key));
      if (!result.ok) {
        if (result.expired && !errorOnMissing) return null;
        throw fail("expression.storage", result.message);
      }
      if (result.value !== undefined) return result.value.value ?? null;
    }
    if (errorOnMissing) {
      throw fail("expression.storage", `The key '${key}' does not exist in the namespace '${namespace}'.`);
    }
    return null;
  },
});
