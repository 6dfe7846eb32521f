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

/** Renders with an item's fields as variables over the run's, as Kestra's `runContext.render(expression, item)`. */
export function itemRenderer(context: TaskContext): ItemRenderer {
  return (template, item) => context.renderString(template, item.fields);
}
