/** io.kestra.plugin.core.log.Fetch: reads the logs of an execution (the current one by default) into an Ion file. */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic, logLevel } from "../../../src/plugin/properties.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.log.Fetch",
  aliases: ["io.kestra.core.tasks.log.Fetch"],
  title: "Fetch execution logs and store them in a file.",
  properties: z.strictObject({
    namespace: dynamic(z.string()).optional(),
    flowId: dynamic(z.string()).optional(),
    executionId: dynamic(z.string()).optional(),
    tasksId: dynamic(z.array(z.string())).optional(),
    level: dynamic(logLevel).default("INFO"),
  }),
  outputs: z.object({
    /** Number of log rows fetched. */
    size: z.number().int(),
    /** kestra:// URI of the Ion file, one log entry per row. */
    uri: z.string(),
  }),
});
