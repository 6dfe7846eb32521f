/**
 * io.kestra.plugin.core.storage.DeduplicateItems: rewrites an Ion file keeping, for each key
 * rendered from `expr`, only the last item with that key (items keep their order and text).
 */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";
import { renderText } from "../../../src/plugin/render.js";
import { newFileName, textLines, utf8 } from "./files.js";
import { itemRenderer, readItem } from "./items.js";

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
  async run(context) {
    const from = await renderText(context, "from", context.properties.from);
    const expr = String(context.properties.expr);
    const render = itemRenderer(context);
    const items = textLines(await context.storage.getText(from)).map((line, i) => readItem(line, i + 1));
    const keys: string[] = [];
    const last = new Map<string, number>();
    for (const [i, item] of items.entries()) {
      const key = await render(expr, item);
      keys.push(key);
      last.set(key, i);
    }
    const kept = items.filter((_, i) => last.get(keys[i] as string) === i);
    const text = kept.map((item) => `${item.line}\n`).join("");
    return {
      outputs: {
        uri: await context.storage.put(newFileName(context, ".ion"), utf8(text)),
        numKeys: last.size,
        processedItemsTotal: items.length,
        droppedItemsTotal: items.length - kept.length,
      },
    };
  },
});
