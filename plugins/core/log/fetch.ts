/**
 * io.kestra.plugin.core.log.Fetch: reads the log lines of an execution (the current one by
 * default), at `level` or above and of the tasks `tasksId` names when given, into an Ion file of
 * Kestra's LogEntry, one per line.
 */
import { Temporal } from "temporal-polyfill";
import { z } from "zod";
import { LOG_LEVELS } from "../../../src/executor/protocol.js";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic, logLevel } from "../../../src/plugin/properties.js";
import { renderOptionalText } from "../../../src/plugin/render.js";
import { ionLine } from "../../../src/storage/ion.js";
import { newFileName, utf8 } from "../storage/files.js";

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
  async run(context) {
    const p = context.properties;
    const executionId = (await renderOptionalText(context, p.executionId)) ?? context.executionId;
    const namespace = (await renderOptionalText(context, p.namespace)) ?? context.namespace;
    const flowId = (await renderOptionalText(context, p.flowId)) ?? context.flowId;
    const level = String(await context.render(p.level)) as (typeof LOG_LEVELS)[number];
    const tasks = p.tasksId === undefined ? undefined : ((await context.render(p.tasksId)) as unknown[]).map(String);
    const lines = await context.executionLogs(executionId);
    if (lines === undefined) throw new Error(`Unable to find execution '${executionId}' to fetch its logs`);
    const minimum = LOG_LEVELS.indexOf(level);
    const kept = lines.filter(
      (line) =>
        LOG_LEVELS.indexOf(line.level) >= minimum &&
        (tasks === undefined || (line.taskId !== undefined && tasks.includes(line.taskId))),
    );
    const rows = kept.map((line) =>
      ionLine({
        namespace,
        flowId,
        ...(line.taskId === undefined ? {} : { taskId: line.taskId }),
        executionId,
        ...(line.taskRunId === undefined ? {} : { taskRunId: line.taskRunId }),
        ...(line.attemptNumber === undefined ? {} : { attemptNumber: line.attemptNumber }),
        // An Ion timestamp, as Kestra's LogEntry is written.
        timestamp: Temporal.Instant.from(line.timestamp),
        level: line.level,
        message: line.message,
      }),
    );
    const uri = await context.storage.put(newFileName(context, ".ion"), utf8(rows.join("")));
    context.logger.debug(`Fetched ${kept.length} log lines of execution ${executionId}`);
    return { outputs: { size: kept.length, uri } };
  },
});
