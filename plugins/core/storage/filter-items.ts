/**
 * io.kestra.plugin.core.storage.FilterItems: rewrites an Ion file keeping (INCLUDE) or dropping
 * (EXCLUDE) the items for which `filterCondition` is truthy (items keep their order and text).
 */
import { z } from "zod";
import { truthy } from "../../../src/executor/step-support.js";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";
import { renderText } from "../../../src/plugin/render.js";
import type { TaskContext } from "../../../src/plugin/task-context.js";
import { newFileName, textLines, utf8 } from "./files.js";
import { type Item, type ItemRenderer, itemRenderer, readItem } from "./items.js";

const ITEM_ACTIONS = ["INCLUDE", "EXCLUDE"] as const;
type Action = (typeof ITEM_ACTIONS)[number];

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
  async run(context) {
    const p = context.properties;
    const from = await renderText(context, "from", p.from);
    const condition = String(p.filterCondition);
    const filterType = await choice(context, "filterType", p.filterType ?? "INCLUDE", ITEM_ACTIONS);
    const onErrorOrNull = await choice(context, "errorOrNullBehavior", p.errorOrNullBehavior ?? "FAIL", [
      "FAIL",
      ...ITEM_ACTIONS,
    ]);
    const render = itemRenderer(context);
    const lines = textLines(await context.storage.getText(from));
    let kept = "";
    let droppedItemsTotal = 0;
    for (const [i, line] of lines.entries()) {
      const action = await actionFor(readItem(line, i + 1), { render, condition, filterType, onErrorOrNull });
      if (action === "INCLUDE") kept += `${line}\n`;
      else droppedItemsTotal++;
    }
    return {
      outputs: {
        uri: await context.storage.put(newFileName(context, ".ion"), utf8(kept)),
        processedItemsTotal: lines.length,
        droppedItemsTotal,
      },
    };
  },
});

interface Filter {
  readonly render: ItemRenderer;
  readonly condition: string;
  readonly filterType: Action;
  readonly onErrorOrNull: Action | "FAIL";
}

/**
 * INCLUDE or EXCLUDE for one item: the filter type when the condition is truthy (`false`,
 * `0`, `-0` and blank are not, after trimming), the other one when it is not; a condition
 * that fails to render follows `errorOrNullBehavior` (FAIL rethrows the error).
 */
async function actionFor(item: Item, filter: Filter): Promise<Action> {
  let rendered: string;
  try {
    rendered = await filter.render(filter.condition, item);
  } catch (error) {
    if (filter.onErrorOrNull === "FAIL") throw error;
    return filter.onErrorOrNull;
  }
  const match = truthy(rendered);
  if (match) return filter.filterType;
  return filter.filterType === "INCLUDE" ? "EXCLUDE" : "INCLUDE";
}

async function choice<T extends string>(
  context: TaskContext,
  name: string,
  value: unknown,
  allowed: readonly T[],
): Promise<T> {
  const rendered = (await renderText(context, name, value)).trim();
  if (!(allowed as readonly string[]).includes(rendered)) {
    throw new Error(`\`${name}\` must be one of ${allowed.join(", ")}, got '${rendered}'`);
  }
  return rendered as T;
}
