/**
 * `secret(key, namespace=<flow namespace>, subkey, full=false)`: a secret value (Kestra OSS:
 * the `SECRET_<KEY>` environment variables, base64, case-insensitive key). The value is
 * registered for log masking. `subkey` extracts one field of a JSON secret; `full=true`
 * returns `{value}` (single-value backends have no `metadata`).
 */
import { defineFunction } from "../extension.js";
import { isMap, isNumber, numberString, toJson } from "../values.js";
import { castBoolean, castString, contextMap, fail, mapGet, requireArg, stringField } from "./support/args.js";
import { JsonSyntaxError, parseJson } from "./support/json.js";
import { fromStores, storeValue } from "./support/storage.js";

/** Jackson's JsonNode.asText() for value nodes, toString() (compact JSON) for containers. */
function nodeText(node: unknown): string {
  if (typeof node === "string") return node;
  if (node === null) return "null";
  if (isNumber(node)) return numberString(node);
  if (typeof node === "boolean") return String(node);
  return toJson(node);
}

function subkeyValue(secret: string, key: string, subkey: string): string {
  let tree: unknown;
  try {
    tree = /^[ \t\r\n]*$/.test(secret) ? undefined : parseJson(secret);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    throw fail(
      "expression.storage",
      `Failed to read secret sub-key '${subkey}' from secret '${key}'. Ensure the secret contains valid JSON value.`,
    );
  }
  if (!isMap(tree) || !Object.hasOwn(tree, subkey)) {
    throw fail("expression.storage", `Cannot find secret sub-key '${subkey}' in secret '${key}'.`);
  }
  return nodeText(mapGet(tree, subkey));
}

export default defineFunction({
  name: "secret",
  args: ["key", "namespace", "subkey", "full"],
  call(args, context) {
    const key = castString(requireArg(args, "key", "The 'secret' function expects an argument 'key'."));
    if (key === null) throw fail("expression.argument", "The 'secret' function expects an argument 'key'.");
    const namespace = castString(args.namespace) ?? stringField(contextMap(context, "flow"), "namespace") ?? "";
    const subkey = castString(args.subkey);
    const full = castBoolean(args.full) ?? false;
    if (full && subkey)
      throw fail("expression.argument", "The 'secret' function cannot combine 'subkey' with 'full=true'.");
    const found = fromStores(context, `secret:${namespace}:${key}`, "secret", (s) => s.secret?.(key, namespace));
    let secret = storeValue(found);
    if (secret === undefined) throw fail("expression.storage", `Cannot find secret for key '${key}'.`);
    if (subkey) secret = subkeyValue(secret, key, subkey);
    context.registerSecret(secret);
    return full ? { value: secret } : secret;
  },
});
