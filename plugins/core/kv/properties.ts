/**
 * Rendering the properties of the kv and namespace tasks: text, flags and optional values,
 * each checked after rendering so a bad value names the property it came from.
 */
import { renderAsText, renderBoolean, renderOptionalText as renderOptional } from "../../../src/plugin/render.js";
import type { TaskContext } from "../../../src/plugin/task-context.js";

/** A property rendered to text (a map or list renders to its JSON). */
export async function renderText(context: TaskContext, name: string): Promise<string> {
  const value = context.properties[name];
  return value === undefined || value === null ? "" : renderAsText(context, value);
}

/** An optional property rendered to text; undefined when unset or rendered empty. */
export async function renderOptionalText(context: TaskContext, name: string): Promise<string | undefined> {
  return renderOptional(context, context.properties[name]);
}

/** A boolean property: `true`/`false` literals or what an expression renders to. */
export async function renderFlag(context: TaskContext, name: string, fallback: boolean): Promise<boolean> {
  const value = context.properties[name];
  return value === undefined || value === null ? fallback : renderBoolean(context, name, value);
}
