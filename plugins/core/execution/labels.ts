/**
 * io.kestra.plugin.core.execution.Labels: adds or overwrites labels of the running execution
 * (applied by the executor). `system.*` keys are refused when the task runs, as in Kestra.
 */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { labels } from "../../../src/plugin/properties.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.execution.Labels",
  aliases: ["io.kestra.core.tasks.executions.Labels"],
  title: "Add or overwrite labels of the current execution at runtime.",
  properties: z.strictObject({
    /** A map, a list of `{key, value}`, or a string rendering to a JSON map. */
    labels: z.union([z.string(), labels]),
  }),
});
