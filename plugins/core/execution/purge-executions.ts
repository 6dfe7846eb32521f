/**
 * io.kestra.plugin.core.execution.PurgeExecutions: deletes executions and, per flag, their logs,
 * metrics and storage files, for all flows, a namespace prefix or one flow, started between two
 * instants. The host deletes (src/runtime/execution-purge.ts); the execution running the task is
 * never purged. Tern records no metrics: `metricsCount` is 0.
 */
import { z } from "zod";
import type { StateType } from "../../../src/executor/model.js";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic, state } from "../../../src/plugin/properties.js";
import { renderOptionalText, renderText } from "../../../src/plugin/render.js";
import { isoInstant } from "../../../src/util/instant.js";

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
  async run(context) {
    const p = context.properties;
    const text = (value: unknown) => renderOptionalText(context, value);
    const instant = (name: string, value: string | undefined) =>
      value === undefined ? undefined : isoInstant(name, value);
    const namespace = await text(p.namespace);
    const flowId = await text(p.flowId);
    const startDate = instant("startDate", await text(p.startDate));
    const endDate = isoInstant("endDate", await renderText(context, "endDate", p.endDate));
    const states = p.states === undefined ? undefined : ((await context.render(p.states)) as StateType[]);
    const flag = async (value: unknown) => (await context.render(value)) !== false;
    const counts = await context.purgeExecutions({
      ...(namespace === undefined ? {} : { namespace }),
      ...(flowId === undefined ? {} : { flowId }),
      ...(startDate === undefined ? {} : { startDate }),
      endDate,
      ...(states === undefined ? {} : { states }),
      purgeExecution: await flag(p.purgeExecution),
      purgeLog: await flag(p.purgeLog),
      purgeStorage: await flag(p.purgeStorage),
    });
    // Tern records no metrics.
    return { outputs: { ...counts, metricsCount: 0 } };
  },
});
