/**
 * Items of an Ion file (one value per line, as Kestra's FileSerde writes them) for
 * FilterItems and DeduplicateItems: each line is read as an Ion struct whose fields become
 * variables of an expression, over the run's own variables (Kestra's
 * `runContext.render(expression, item)`).
 */
import { IonSyntaxError, readIonValues } from "../../../src/expression/functions/support/ion.js";
import { isPlainObject } from "../../../src/plugin/properties.js";
import type { TaskContext } from "../../../src/plugin/task-context.js";

/** One line of the file: the text written back as is, and its fields. */
export interface Item {
  readonly line: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** The fields of one line; an error naming the line when it is not an Ion struct. */
export function readItem(line: string, lineNumber: number): Item {
  let values: unknown[];
  try {
    values = readIonValues(line, 1);
  } catch (error) {
    if (!(error instanceof IonSyntaxError)) throw error;
    throw new Error(`Unable to read the item on line ${lineNumber}: ${error.message}`);
  }
  const [fields] = values;
  if (!isPlainObject(fields)) {
    throw new Error(`Unable to read the item on line ${lineNumber}: '${line}' is not an Ion struct`);
  }
  return { line, fields };
}

/** Renders a template with an item's fields as variables. */
export type ItemRenderer = (template: string, item: Item) => Promise<string>;

type RenderWithVariables = (template: string, variables: Readonly<Record<string, unknown>>) => Promise<string>;

const PROBE = "__ternItemProbe";

/**
 * Renders with extra variables through `context.renderString(template, variables)`. The
 * TaskContext does not declare that second parameter yet: a host that ignores it is found
 * by rendering a probe variable once, and the task fails saying so instead of reporting
 * every field as undefined. Drop the probe once TaskContext.renderString declares it.
 */
export async function itemRenderer(context: TaskContext, taskName: string): Promise<ItemRenderer> {
  const render = context.renderString.bind(context) as unknown as RenderWithVariables;
  const probe = await render(`{{ ${PROBE} }}`, { [PROBE]: "ok" }).catch(() => undefined);
  if (probe !== "ok") {
    throw new Error(`${taskName} needs a host that renders expressions with an item's fields as variables`);
  }
  return (template, item) => render(template, item.fields);
}
