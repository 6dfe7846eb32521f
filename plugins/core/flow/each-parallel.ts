/** io.kestra.plugin.core.flow.EachParallel (deprecated): runs its `tasks` for every value at once, `concurrent` at a time. */
import { z } from "zod";
import { memoizedEachValues, resolveEach } from "../../../src/executor/each.js";
import { defineFlowableTask } from "../../../src/plugin/define.js";
import { taskList } from "../../../src/plugin/properties.js";
import { eachValuesSchema } from "./each-sequential.js";

export default defineFlowableTask({
  type: "io.kestra.plugin.core.flow.EachParallel",
  aliases: ["io.kestra.core.tasks.flows.EachParallel"],
  title: "Run a group of tasks for each value, in parallel.",
  deprecated: "Use io.kestra.plugin.core.flow.ForEach (with concurrencyLimit) instead.",
  properties: z.strictObject({
    value: eachValuesSchema,
    concurrent: z
      .number()
      .int()
      .min(0)
      .default(0)
      .describe("How many child task runs may run at once; 0 means no limit"),
    tasks: taskList({ nonEmpty: true }),
    errors: taskList().optional(),
    finally: taskList().optional(),
  }),
  behaviour: {
    resolve: (context) =>
      resolveEach(context, memoizedEachValues(context.task?.value, context), Number(context.task?.concurrent ?? 0)),
  },
});
