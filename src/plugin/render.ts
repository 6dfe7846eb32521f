/**
 * Rendering a task's properties once its schema parsed them, the same way in every plugin: a
 * string is a template rendered to text, anything else is rendered and written as text; typed
 * values (booleans, integers) are checked after rendering, naming the property on a bad value.
 */
import type { TaskContext } from "./task-context.js";

/** A property value rendered to text (a map or list renders to its JSON). */
export async function renderAsText(context: TaskContext, value: unknown): Promise<string> {
  return typeof value === "string" ? context.renderString(value) : String(await context.render(value));
}

/** A required property rendered to text; an error naming the property when it is unset. */
export async function renderText(context: TaskContext, name: string, value: unknown): Promise<string> {
  if (value === undefined || value === null) throw new Error(`\`${name}\` is required`);
  return renderAsText(context, value);
}

/** An optional property rendered to text; undefined when unset or rendered empty. */
export async function renderOptionalText(context: TaskContext, value: unknown): Promise<string | undefined> {
  if (value === undefined || value === null) return undefined;
  const text = await renderAsText(context, value);
  return text === "" ? undefined : text;
}

/** A property rendered as an integer (Kestra's Property<Integer>). */
export async function renderInteger(context: TaskContext, name: string, value: unknown): Promise<number> {
  const rendered = typeof value === "number" ? value : Number(String(await context.render(value)).trim());
  if (!Number.isInteger(rendered)) throw new Error(`\`${name}\` must be an integer, got '${String(value)}'`);
  return rendered;
}

/** A property rendered as a boolean (Kestra's Property<Boolean>: `true`/`false`, any case). */
export async function renderBoolean(context: TaskContext, name: string, value: unknown): Promise<boolean> {
  const rendered = typeof value === "boolean" ? value : await context.render(value);
  if (typeof rendered === "boolean") return rendered;
  const text = String(rendered).trim().toLowerCase();
  if (text === "true" || text === "false") return text === "true";
  throw new Error(`\`${name}\` must be a boolean, got '${String(rendered)}'`);
}
