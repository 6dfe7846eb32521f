/**
 * io.kestra.plugin.core.condition.ExecutionNamespace: true when the execution's namespace
 * equals, starts with or ends with a given namespace.
 */
import { z } from "zod";
import { defineCondition } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";
import { renderAs, renderText, requireExecution } from "../../../src/triggers/condition-support.js";

const comparison = dynamic(z.enum(["EQUALS", "PREFIX", "SUFFIX"]));

export default defineCondition({
  type: "io.kestra.plugin.core.condition.ExecutionNamespace",
  aliases: [
    "io.kestra.core.models.conditions.types.ExecutionNamespaceCondition",
    "io.kestra.plugin.core.condition.ExecutionNamespaceCondition",
  ],
  title: "True when the execution's namespace matches.",
  properties: z.strictObject({
    namespace: dynamic(z.string()),
    /** EQUALS when unset (PREFIX if `prefix` is true). */
    comparison: comparison.optional(),
    /** Shortcut for `comparison: PREFIX`, used only when `comparison` is unset. */
    prefix: dynamic(z.boolean()).default(false),
  }),
  async test(properties, context) {
    const actual = requireExecution(context).namespace;
    const namespace = (await renderText(properties.namespace, context)) ?? "";
    const prefix = (await renderAs(dynamic(z.boolean()), properties.prefix, context)) ?? false;
    const how = (await renderAs(comparison, properties.comparison, context)) ?? (prefix ? "PREFIX" : "EQUALS");
    if (how === "PREFIX") return actual.startsWith(namespace);
    if (how === "SUFFIX") return actual.endsWith(namespace);
    return actual === namespace;
  },
});
