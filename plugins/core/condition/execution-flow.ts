/** io.kestra.plugin.core.condition.ExecutionFlow: true when the execution is of a given flow. */
import { z } from "zod";
import { defineCondition } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";
import { renderText, requireExecution } from "../../../src/triggers/condition-support.js";

export default defineCondition({
  type: "io.kestra.plugin.core.condition.ExecutionFlow",
  aliases: [
    "io.kestra.core.models.conditions.types.ExecutionFlowCondition",
    "io.kestra.plugin.core.condition.ExecutionFlowCondition",
  ],
  title: "True when the execution is of the given flow.",
  properties: z.strictObject({
    namespace: dynamic(z.string()),
    flowId: dynamic(z.string()),
  }),
  async test({ namespace, flowId }, context) {
    const execution = requireExecution(context);
    return (
      execution.namespace === (await renderText(namespace, context)) &&
      execution.flowId === (await renderText(flowId, context))
    );
  },
});
