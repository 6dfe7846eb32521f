/** io.kestra.plugin.core.condition.FlowCondition (deprecated): true when the evaluated flow is a given flow. */
import { z } from "zod";
import { defineCondition } from "../../../src/plugin/define.js";

export default defineCondition({
  type: "io.kestra.plugin.core.condition.FlowCondition",
  aliases: ["io.kestra.core.models.conditions.types.FlowCondition"],
  title: "True when the flow is the given one.",
  deprecated: "Use io.kestra.plugin.core.condition.ExecutionFlow instead.",
  properties: z.strictObject({
    namespace: z.string(),
    flowId: z.string(),
  }),
  async test({ namespace, flowId }, { flow }) {
    return flow.namespace === namespace && flow.id === flowId;
  },
});
