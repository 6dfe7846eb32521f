/** io.kestra.plugin.core.log.PurgeLogs: deletes execution and trigger logs in bulk, filtered by namespace, flow, execution, level and dates. */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic, logLevel } from "../../../src/plugin/properties.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.log.PurgeLogs",
  title: "Purge flow execution and trigger logs.",
  properties: z.strictObject({
    /** Namespace prefix, or the flow's namespace when `flowId` is set. */
    namespace: dynamic(z.string()).optional(),
    flowId: dynamic(z.string()).optional(),
    executionId: dynamic(z.string()).optional(),
    /** Levels to purge; all levels when unset. */
    logLevels: dynamic(z.array(logLevel)).optional(),
    /** ISO date-time; logs after it are purged. */
    startDate: dynamic(z.string()).optional(),
    /** ISO date-time; logs before it are purged. */
    endDate: dynamic(z.string()),
  }),
  outputs: z.object({
    count: z.number().int(),
  }),
});
