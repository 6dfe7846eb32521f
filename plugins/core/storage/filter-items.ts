/**
 * io.kestra.plugin.core.storage.FilterItems: rewrites an Ion file keeping (INCLUDE) or dropping
 * (EXCLUDE) the items for which `filterCondition` is truthy.
 */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";

const ITEM_ACTIONS = ["INCLUDE", "EXCLUDE"] as const;

export default defineRunnableTask({
  type: "io.kestra.plugin.core.storage.FilterItems",
  aliases: ["io.kestra.core.tasks.storages.FilterItems"],
  title: "Filter the items of a file with an expression.",
  properties: z.strictObject({
    /** kestra:// URI of an Ion file (one item per line). */
    from: dynamic(z.string().min(1)),
    /** Rendered for each item, whose fields are variables; coerced to a boolean. */
    filterCondition: z.string(),
    /** What to do with matching items. */
    filterType: dynamic(z.enum(ITEM_ACTIONS)).default("INCLUDE"),
    /** What to do when the condition fails to render or renders null. */
    errorOrNullBehavior: dynamic(z.enum(["FAIL", ...ITEM_ACTIONS])).default("FAIL"),
  }),
  outputs: z.object({
    uri: z.string(),
    processedItemsTotal: z.number().int(),
    droppedItemsTotal: z.number().int(),
  }),
});
