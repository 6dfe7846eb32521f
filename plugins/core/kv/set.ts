/**
 * io.kestra.plugin.core.kv.Set: stores a value under a key in a namespace's KV store
 * (the flow's namespace by default), optionally typed, described and expiring.
 * Also exports the key rule shared by the other KV tasks.
 */
import { z } from "zod";
import { type CheckIssue, defineRunnableTask } from "../../../src/plugin/define.js";
import { anyMap, dynamic, dynamicDuration, expression } from "../../../src/plugin/properties.js";

/** KVStore.validateKey: a KV key, matched in full. */
export const KV_KEY_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9._-]*$/;

/** Checks a literal `key` against Kestra's key rule; expressions are checked when rendered. */
export function checkKvKey(properties: Record<string, unknown>): CheckIssue[] {
  const key = properties.key;
  if (typeof key !== "string" || expression.safeParse(key).success || KV_KEY_PATTERN.test(key)) return [];
  return [
    {
      message:
        "Key must start with an alphanumeric character (uppercase or lowercase) and can contain alphanumeric characters (uppercase or lowercase), dots (.), underscores (_), and hyphens (-) only.",
      path: ["key"],
    },
  ];
}

export const KV_TYPES = ["STRING", "NUMBER", "BOOLEAN", "DATETIME", "DATE", "DURATION", "JSON"] as const;

export default defineRunnableTask({
  type: "io.kestra.plugin.core.kv.Set",
  title: "Create or modify a key-value pair.",
  properties: z.strictObject({
    key: dynamic(z.string().min(1)),
    /** Any value; a string is rendered typed, then converted according to `kvType` when set. */
    value: dynamic(z.union([z.string(), z.number(), z.boolean(), z.array(z.unknown()), anyMap])),
    namespace: dynamic(z.string()).default("{{ flow.namespace }}"),
    /** Fail instead of replacing an existing value when false. */
    overwrite: dynamic(z.boolean()).default(true),
    ttl: dynamicDuration().optional(),
    kvType: dynamic(z.enum(KV_TYPES)).optional(),
    kvDescription: dynamic(z.string()).optional(),
  }),
  check: checkKvKey,
});
