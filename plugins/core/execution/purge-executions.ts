/**
 * io.kestra.plugin.core.execution.PurgeExecutions: deletes executions and, per flag, their logs,
 * metrics and storage files, for all flows, a namespace prefix or one flow.
 */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic, state } from "../../../src/plugin/properties.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.execution.PurgeExecutions",
  aliases: ["io.kestra.core.tasks.storages.Purge", "io.kestra.plugin.core.storage.Purge"],
  title: "Purge executions, logs, metrics and storage files.",
  properties: z.strictObject({
    /** Namespace prefix, or the flow's namespace when `flowId` is set. */
    namespace: dynamic(z.string()).optional(),
    flowId: dynamic(z.string()).optional(),
    /** ISO date-time; executions after it are purged. */
    startDate: dynamic(z.string()).optional(),
    /** ISO date-time; executions before it are purged. */
    endDate: dynamic(z.string()),
    /** States to purge; all states when unset. */
    states: dynamic(z.array(state)).optional(),
    purgeExecution: dynamic(z.boolean()).default(true),
    purgeLog: dynamic(z.boolean()).default(true),
    purgeMetric: dynamic(z.boolean()).default(true),
    purgeStorage: dynamic(z.boolean()).default(true),
    /** Executions/logs/metrics deleted per bulk delete. */
    batchSize: dynamic(z.number().int().min(1)).default(100),
  }),
  outputs: z.object({
    executionsCount: z.number().int(),
    logsCount: z.number().int(),
    storagesCount: z.number().int(),
    metricsCount: z.number().int(),
  }),
});
