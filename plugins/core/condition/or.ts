/** io.kestra.plugin.core.condition.Or: true when at least one of its conditions is true. */
import { z } from "zod";
import type { PluginInstance } from "../../../src/flow/model.js";
import { defineCondition } from "../../../src/plugin/define.js";
import { childConditions } from "./not.js";

export default defineCondition({
  type: "io.kestra.plugin.core.condition.Or",
  aliases: ["io.kestra.core.models.conditions.types.OrCondition", "io.kestra.plugin.core.condition.OrCondition"],
  title: "True when at least one of the conditions is true.",
  properties: z.strictObject({ conditions: childConditions }),
  async test({ conditions }, context) {
    for (const condition of conditions) if (await context.test(condition as PluginInstance)) return true;
    return false;
  },
});
