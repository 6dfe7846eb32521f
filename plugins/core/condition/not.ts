/** io.kestra.plugin.core.condition.Not: true when none of its conditions is true. */
import { z } from "zod";
import type { PluginInstance } from "../../../src/flow/model.js";
import { defineCondition } from "../../../src/plugin/define.js";
import { conditionList } from "../../../src/plugin/properties.js";

/** The child conditions of Not and Or: at least one. */
export const childConditions = conditionList().min(1, { error: "must not be empty" });

export default defineCondition({
  type: "io.kestra.plugin.core.condition.Not",
  aliases: ["io.kestra.core.models.conditions.types.NotCondition", "io.kestra.plugin.core.condition.NotCondition"],
  title: "True when none of the conditions is true.",
  properties: z.strictObject({ conditions: childConditions }),
  async test({ conditions }, context) {
    for (const condition of conditions) if (await context.test(condition as PluginInstance)) return false;
    return true;
  },
});
