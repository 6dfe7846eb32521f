/**
 * io.kestra.plugin.core.flow.If: evaluates `condition` once (truthy unless false, 0, -0,
 * null or ''), keeps the result as output `evaluationResult`, then runs `then` or `else`.
 */
import { z } from "zod";
import { type FlowableContext, resolveSequential } from "../../../src/executor/flowable.js";
import { truthy } from "../../../src/executor/step.js";
import { defineFlowableTask } from "../../../src/plugin/define.js";
import { taskList } from "../../../src/plugin/properties.js";

export default defineFlowableTask({
  type: "io.kestra.plugin.core.flow.If",
  aliases: ["io.kestra.core.tasks.flows.If"],
  title: "Run tasks conditionally.",
  properties: z.strictObject({
    condition: z
      .union([z.string(), z.boolean()], { error: "must be a string (usually an expression) or a boolean" })
      .optional()
      .describe("Rendered, then coerced to a boolean"),
    // biome-ignore lint/suspicious/noThenProperty: `then` is Kestra's property name.
    then: taskList({ nonEmpty: true }),
    else: taskList().optional(),
    errors: taskList().optional(),
    finally: taskList().optional(),
  }),
  outputs: z.object({
    evaluationResult: z.boolean().describe("The condition's evaluation result"),
  }),
  behaviour: {
    resolve: (context) =>
      resolveSequential(context, { tasks: evaluate(context) ? "then" : "else", errors: "errors", finally: "finally" }),
    outputs: (context) => ({ evaluationResult: evaluate(context) }),
  },
});

/** The condition is evaluated once: later resolutions reuse the stored `evaluationResult`. */
function evaluate(context: FlowableContext): boolean {
  const stored = context.run?.outputs?.evaluationResult;
  if (typeof stored === "boolean") return stored;
  const condition = context.task?.condition;
  return condition === undefined ? false : truthy(context.render(condition));
}
