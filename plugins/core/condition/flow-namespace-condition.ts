/** io.kestra.plugin.core.condition.FlowNamespaceCondition (deprecated): true when the evaluated flow is in a namespace. */
import { z } from "zod";
import { defineCondition } from "../../../src/plugin/define.js";

export default defineCondition({
  type: "io.kestra.plugin.core.condition.FlowNamespaceCondition",
  aliases: ["io.kestra.core.models.conditions.types.FlowNamespaceCondition"],
  title: "True when the flow's namespace equals (or starts with) the given one.",
  deprecated: "Use io.kestra.plugin.core.condition.ExecutionNamespace instead.",
  properties: z.strictObject({
    /** The namespace, or its prefix when `prefix` is true (case-sensitive). */
    namespace: z.string(),
    prefix: z.boolean().default(false),
  }),
  async test({ namespace, prefix }, { flow }) {
    return prefix ? flow.namespace.startsWith(namespace) : flow.namespace === namespace;
  },
});
