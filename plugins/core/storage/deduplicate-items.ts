/**
 * io.kestra.plugin.core.storage.DeduplicateItems: rewrites an Ion file keeping, for each key
 * rendered from `expr`, only the last item with that key.
 */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.storage.DeduplicateItems",
  aliases: ["io.kestra.core.tasks.storages.DeduplicateItems"],
  title: "Deduplicate the items of a file by a key expression.",
  properties: z.strictObject({
    /** kestra:// URI of an Ion file (one item per line). */
    from: dynamic(z.string().min(1)),
    /** Rendered for each item, whose fields are variables (e.g. `{{ customer_email }}`). */
    expr: z.string(),
  }),
  outputs: z.object({
    uri: z.string(),
    numKeys: z.number().int(),
    processedItemsTotal: z.number().int(),
    droppedItemsTotal: z.number().int(),
  }),
});
