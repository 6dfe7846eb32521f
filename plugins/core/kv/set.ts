/**
 * io.kestra.plugin.core.kv.Set: stores a value under a key in a namespace's KV store
 * (the flow's namespace by default), optionally typed, described and expiring.
 * Also exports the key rule shared by the other KV tasks.
 */
import { Temporal } from "temporal-polyfill";
import { z } from "zod";
import { type CheckIssue, defineRunnableTask } from "../../../src/plugin/define.js";
import { anyMap, dynamic, dynamicDuration, expression } from "../../../src/plugin/properties.js";
import {
  convertKvValue,
  INVALID_KEY_MESSAGE,
  KV_KEY_PATTERN,
  KV_TYPES,
  type KvType,
} from "../../../src/storage/kv-store.js";
import { renderFlag, renderOptionalText, renderText } from "./properties.js";

export { KV_KEY_PATTERN, KV_TYPES };

/** Checks a literal `key` against Kestra's key rule; expressions are checked when rendered. */
export function checkKvKey(properties: Record<string, unknown>): CheckIssue[] {
  const key = properties.key;
  if (typeof key !== "string" || expression.safeParse(key).success || KV_KEY_PATTERN.test(key)) return [];
  return [{ message: INVALID_KEY_MESSAGE, path: ["key"] }];
}

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
  async run(context) {
    const namespace = await renderText(context, "namespace");
    const key = await renderText(context, "key");
    const kvType = await renderOptionalText(context, "kvType");
    if (kvType !== undefined && !(KV_TYPES as readonly string[]).includes(kvType)) {
      throw new Error(`'kvType' must be one of ${KV_TYPES.join(", ")}, got '${kvType}'`);
    }
    const value = convertKvValue(await context.render(context.properties.value), kvType as KvType | undefined);
    const ttl = context.properties.ttl === undefined ? undefined : await context.render(context.properties.ttl);
    const description = await renderOptionalText(context, "kvDescription");
    await context.kv.put(namespace, key, value, {
      overwrite: await renderFlag(context, "overwrite", true),
      ...(ttl === undefined || ttl === null || ttl === ""
        ? {}
        : { ttl: ttl instanceof Temporal.Duration ? ttl : String(ttl) }),
      ...(description === undefined ? {} : { description }),
    });
    return undefined;
  },
});
