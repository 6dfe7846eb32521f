/**
 * io.kestra.plugin.core.condition.ExecutionOutputs: true when the execution has outputs and
 * `expression`, rendered with them as `trigger.outputs`, is true.
 */
import { z } from "zod";
import { defineCondition } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";

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
});
