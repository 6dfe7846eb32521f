/** io.kestra.plugin.core.kv.Get: reads the value of a key from a namespace's KV store into the output `value`. */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";
import { renderFlag, renderText } from "./properties.js";
import { checkKvKey } from "./set.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.kv.Get",
  title: "Get the value linked to a key.",
  properties: z.strictObject({
    key: dynamic(z.string().min(1)),
    namespace: dynamic(z.string()).default("{{ flow.namespace }}"),
    /** Fail when the key has no value; otherwise `value` is absent (null). */
    errorOnMissing: dynamic(z.boolean()).default(false),
  }),
  outputs: z.object({
    /** The stored value, with the type it was stored with; absent when the key has none (Kestra omits nulls). */
    value: z.unknown(),
  }),
  check: checkKvKey,
  async run(context) {
    const namespace = await renderText(context, "namespace");
    const key = await renderText(context, "key");
    const found = await context.kv.get(namespace, key);
    if (found === undefined && (await renderFlag(context, "errorOnMissing", false))) {
      throw new Error(
        `No value found for key '${key}' in namespace '${namespace}' and \`errorOnMissing\` is set to true`,
      );
    }
    return { outputs: found === undefined || found.value === null ? {} : { value: found.value } };
  },
});
