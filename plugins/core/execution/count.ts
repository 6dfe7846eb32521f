/**
 * io.kestra.plugin.core.execution.Count: counts executions per flow over a date range and keeps
 * the flows for which `expression` (rendered with `count`) is `true`, e.g. to alert on silence.
 */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic, state } from "../../../src/plugin/properties.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.execution.Count",
  aliases: ["io.kestra.core.tasks.executions.Counts"],
  title: "Count executions per flow and keep the flows matching an expression.",
  properties: z.strictObject({
    /** Flows to count; when unset, `namespaces` must be given (checked when the task runs). */
    flows: z.array(z.strictObject({ namespace: z.string(), flowId: z.string() })).optional(),
    states: dynamic(z.array(state)).optional(),
    /** ISO date-time. */
    startDate: dynamic(z.string()),
    /** ISO date-time. */
    endDate: dynamic(z.string()).optional(),
    /** Rendered once per flow with the variable `count`; a flow is kept when it renders `true`. */
    expression: z.string(),
    namespaces: dynamic(z.array(z.string())).optional(),
  }),
  outputs: z.object({
    results: z.array(z.object({ namespace: z.string(), flowId: z.string(), count: z.number().int() })),
    total: z.number().int(),
  }),
});
