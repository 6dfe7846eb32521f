/** io.kestra.plugin.core.condition.Expression: true unless `expression` renders to blank or `false`. */
import { z } from "zod";
import { defineCondition } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";

export default defineCondition({
  type: "io.kestra.plugin.core.condition.Expression",
  aliases: [
    "io.kestra.core.models.conditions.types.VariableCondition",
    "io.kestra.plugin.core.condition.ExpressionCondition",
  ],
  title: "True when an expression renders to something other than blank or false.",
  properties: z.strictObject({
    /** e.g. `{{ trigger.body.hello == 'world' }}`. */
    expression: dynamic(z.string()),
  }),
});
