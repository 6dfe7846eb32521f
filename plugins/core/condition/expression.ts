/** io.kestra.plugin.core.condition.Expression: true unless `expression` renders to blank or `false`. */
import { z } from "zod";
import { defineCondition } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";
import { renderText } from "../../../src/triggers/condition-support.js";

/** Kestra's reading of a rendered condition: false when blank or `false` (surrounding spaces ignored). */
export function isTrueText(text: string): boolean {
  return !(text.trim() === "" || text.trim() === "false");
}

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
  async test({ expression }, context) {
    return isTrueText((await renderText(expression, context)) ?? "");
  },
});
