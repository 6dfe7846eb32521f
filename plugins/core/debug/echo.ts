/** io.kestra.plugin.core.debug.Echo (deprecated): logs the rendered `format` at `level`, like Log. */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic, logLevel } from "../../../src/plugin/properties.js";
import { logAt } from "../log/log.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.debug.Echo",
  aliases: ["io.kestra.core.tasks.debugs.Echo"],
  title: "Log a message in the task logs.",
  deprecated: "Use io.kestra.plugin.core.log.Log instead.",
  properties: z.strictObject({
    format: dynamic(z.string()).optional(),
    level: dynamic(logLevel).default("INFO"),
  }),
  async run(context) {
    const { format, level } = context.properties;
    if (format !== undefined) await logAt(context, level, String(format));
    return undefined;
  },
});
