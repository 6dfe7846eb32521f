/**
 * io.kestra.plugin.core.condition.ExecutionNamespace: true when the execution's namespace
 * equals, starts with or ends with a given namespace.
 */
import { z } from "zod";
import { defineCondition } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";

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
    comparison: dynamic(z.enum(["EQUALS", "PREFIX", "SUFFIX"])).optional(),
    /** Shortcut for `comparison: PREFIX`, used only when `comparison` is unset. */
    prefix: dynamic(z.boolean()).default(false),
  }),
});
