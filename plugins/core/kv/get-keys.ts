/** io.kestra.plugin.core.kv.GetKeys: lists the keys of a namespace's KV store, optionally those starting with `prefix`. */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";
import { renderOptionalText, renderText } from "./properties.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.kv.GetKeys",
  title: "Get the keys matching a prefix.",
  properties: z.strictObject({
    /** Keys starting with this; all keys when unset. */
    prefix: dynamic(z.string()).optional(),
    namespace: dynamic(z.string()).default("{{ flow.namespace }}"),
  }),
  outputs: z.object({
    keys: z.array(z.string()),
  }),
  async run(context) {
    const namespace = await renderText(context, "namespace");
    const prefix = (await renderOptionalText(context, "prefix")) ?? "";
    const keys = (await context.kv.list(namespace)).map((entry) => entry.key).filter((key) => key.startsWith(prefix));
    return { outputs: { keys } };
  },
});
