/** io.kestra.plugin.core.kv.Delete: removes a key from a namespace's KV store; the output `deleted` says whether it existed. */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";
import { renderFlag, renderText } from "./properties.js";
import { checkKvKey } from "./set.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.kv.Delete",
  title: "Delete a key-value pair.",
  properties: z.strictObject({
    key: dynamic(z.string().min(1)),
    namespace: dynamic(z.string()).default("{{ flow.namespace }}"),
    /** Fail when the key has no value. */
    errorOnMissing: dynamic(z.boolean()).default(false),
  }),
  outputs: z.object({
    deleted: z.boolean(),
  }),
  check: checkKvKey,
  async run(context) {
    const namespace = await renderText(context, "namespace");
    const key = await renderText(context, "key");
    const deleted = await context.kv.delete(namespace, key);
    if (!deleted && (await renderFlag(context, "errorOnMissing", false))) {
      throw new Error(
        `No value found for key '${key}' in namespace '${namespace}' and \`errorOnMissing\` is set to true`,
      );
    }
    return { outputs: { deleted } };
  },
});
