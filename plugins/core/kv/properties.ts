/**
 * Rendering the properties of the kv and namespace tasks: text, flags and optional values,
 * each checked after rendering so a bad value names the property it came from.
 */
import type { TaskContext } from "../../../src/plugin/task-context.js";

/** A property rendered to text (a map or list renders to its JSON). */
export async function renderText(context: TaskContext, name: string): Promise<string> {
  const value = context.properties[name];
  if (typeof value !== "string") return value === undefined || value === null ? "" : String(value);
  return context.renderString(value);
}

/** An optional property rendered to text; undefined when unset or rendered empty. */
export async function renderOptionalText(context: TaskContext, name: string): Promise<string | undefined> {
  if (context.properties[name] === undefined || context.properties[name] === null) return undefined;
  const text = await renderText(context, name);
  return text === "" ? undefined : text;
}

/** A boolean property: `true`/`false` literals or what an expression renders to. */
export async function renderFlag(context: TaskContext, name: string, fallback: boolean): Promise<boolean> {
  const value = context.properties[name];
  if (value === undefined || value === null) return fallback;
  const rendered = await context.render(value);
  if (typeof rendered === "boolean") return rendered;
  const text = String(rendered).trim().toLowerCase();
  if (text === "true" || text === "false") return text === "true";
  throw new Error(`'${name}' must be true or false, got '${String(rendered)}'`);
}
