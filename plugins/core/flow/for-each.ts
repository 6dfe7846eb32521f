/**
 * io.kestra.plugin.core.flow.ForEach: runs its `tasks` once per value of `values` (a list,
 * a JSON array string or an expression), `concurrencyLimit` value groups at a time.
 */
import { z } from "zod";
import { memoizedEachValues, resolveEach } from "../../../src/executor/each.js";
import { defineFlowableTask } from "../../../src/plugin/define.js";
import { taskList } from "../../../src/plugin/properties.js";

export default defineFlowableTask({
  type: "io.kestra.plugin.core.flow.ForEach",
  title: "Run a group of tasks for each value of a list.",
  properties: z.strictObject({
    values: z
      .union([z.string(), z.array(z.unknown())], {
        error: (issue) =>
          issue.input === undefined ? "must not be null" : "must be a list, a JSON array string or an expression",
      })
      .describe("The values to iterate over: a list, a JSON array string or an expression rendering to a list"),
    concurrencyLimit: z
      .number()
      .int()
      .min(0)
      .default(1)
      .describe("How many value groups run at once; 0 means no limit, 1 runs them one after another"),
    tasks: taskList({ nonEmpty: true }),
    errors: taskList().optional(),
    finally: taskList().optional(),
  }),
  behaviour: {
    resolve: (context) =>
      resolveEach(
        context,
        memoizedEachValues(context.task?.values, context),
        Number(context.task?.concurrencyLimit ?? 1),
      ),
  },
});
