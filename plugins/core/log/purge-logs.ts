/** io.kestra.plugin.core.log.PurgeLogs: deletes execution and trigger logs in bulk, filtered by namespace, flow, execution, level and dates. */
import { z } from "zod";
import type { LogLevel } from "../../../src/executor/protocol.js";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic, logLevel } from "../../../src/plugin/properties.js";
import { renderOptionalText, renderText } from "../../../src/plugin/render.js";
import { isoInstant } from "../../../src/util/instant.js";

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
  async run(context) {
    const p = context.properties;
    const text = (value: unknown) => renderOptionalText(context, value);
    const instant = (name: string, value: string | undefined) =>
      value === undefined ? undefined : isoInstant(name, value);
    const namespace = await text(p.namespace);
    const flowId = await text(p.flowId);
    const executionId = await text(p.executionId);
    const levels = p.logLevels === undefined ? undefined : ((await context.render(p.logLevels)) as LogLevel[]);
    const startDate = instant("startDate", await text(p.startDate));
    const count = await context.purgeLogs({
      ...(namespace === undefined ? {} : { namespace }),
      ...(flowId === undefined ? {} : { flowId }),
      ...(executionId === undefined ? {} : { executionId }),
      ...(levels === undefined ? {} : { levels }),
      ...(startDate === undefined ? {} : { startDate }),
      endDate: isoInstant("endDate", await renderText(context, "endDate", p.endDate)),
    });
    return { outputs: { count } };
  },
});
