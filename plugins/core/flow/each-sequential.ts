/** io.kestra.plugin.core.flow.EachSequential (deprecated): runs its `tasks` for each value, one value after another. */
import { z } from "zod";
import { memoizedEachValues, resolveEach } from "../../../src/executor/each.js";
import { defineFlowableTask } from "../../../src/plugin/define.js";
import { taskList } from "../../../src/plugin/properties.js";

/** The values an Each* task iterates over (shared with EachParallel). */
export const eachValuesSchema = z
  .union([z.string(), z.array(z.unknown())], {
    error: (issue) =>
      issue.input === undefined ? "must not be null" : "must be a list, a JSON array string or an expression",
  })
  .describe("The values to iterate over: a list, a JSON array string or an expression rendering to a list");

export default defineFlowableTask({
  type: "io.kestra.plugin.core.flow.EachSequential",
  aliases: ["io.kestra.core.tasks.flows.EachSequential"],
  title: "Run a group of tasks for each value, sequentially.",
  deprecated: "Use io.kestra.plugin.core.flow.ForEach (concurrencyLimit: 1) instead.",
  properties: z.strictObject({
    value: eachValuesSchema,
    tasks: taskList({ nonEmpty: true }),
    errors: taskList().optional(),
    finally: taskList().optional(),
  }),
  behaviour: { resolve: (context) => resolveEach(context, memoizedEachValues(context.task?.value, context), 1) },
});
