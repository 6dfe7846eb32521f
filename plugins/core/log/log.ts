/** io.kestra.plugin.core.log.Log: writes one message, or each of a list, to the execution logs. */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic, logLevel } from "../../../src/plugin/properties.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.log.Log",
  aliases: ["io.kestra.core.tasks.log.Log"],
  title: "Log a message (or a list of messages) at a level.",
  properties: z.strictObject({
    message: z.union([z.string(), z.array(z.string())], { error: "must be a string or a list of strings" }),
    level: dynamic(logLevel).default("INFO"),
  }),
});
