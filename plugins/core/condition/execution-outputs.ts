/**
 * io.kestra.plugin.core.condition.ExecutionOutputs: true when the execution has outputs and
 * `expression`, rendered with them as `trigger.outputs`, is true.
 */
import { z } from "zod";
import { defineCondition } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";
import { ConditionError, requireExecution } from "../../../src/triggers/condition-support.js";

/** Jackson's String → Boolean coercion (Property<Boolean>.as): true/True/TRUE, false/False/FALSE. */
function asBoolean(value: unknown): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(?:true|True|TRUE)$/.test(value)) return true;
  if (typeof value === "string" && /^(?:false|False|FALSE)$/.test(value)) return false;
  throw new ConditionError("condition.invalid", `Cannot convert ${JSON.stringify(value)} to a boolean`);
}

export default defineCondition({
  type: "io.kestra.plugin.core.condition.ExecutionOutputs",
  aliases: [
    "io.kestra.core.models.conditions.types.ExecutionOutputsCondition",
    "io.kestra.plugin.core.condition.ExecutionOutputsCondition",
  ],
  title: "True when an expression on the execution's outputs is true.",
  properties: z.strictObject({
    /** e.g. `{{ trigger.outputs.status == 'ok' }}`. */
    expression: dynamic(z.boolean()),
  }),
  async test({ expression }, context) {
    const outputs = requireExecution(context).outputs;
    // Kestra skips the expression when the execution has no outputs.
    if (!outputs || Object.keys(outputs).length === 0) return false;
    return asBoolean(await context.render(expression, { trigger: { outputs } }));
  },
});
