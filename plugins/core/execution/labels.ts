/**
 * io.kestra.plugin.core.execution.Labels: adds or overwrites labels of the running execution
 * (applied by the executor). `system.*` keys are refused when the task runs, as in Kestra.
 */
import { z } from "zod";
import type { Label } from "../../../src/executor/model.js";
import { isMap, javaString, toJson } from "../../../src/expression/values.js";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { labels } from "../../../src/plugin/properties.js";
import type { TaskContext } from "../../../src/plugin/task-context.js";
import { messageOf } from "../../../src/util/errors.js";

const SYSTEM_PREFIX = "system.";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.execution.Labels",
  aliases: ["io.kestra.core.tasks.executions.Labels"],
  title: "Add or overwrite labels of the current execution at runtime.",
  properties: z.strictObject({
    /** A map, a list of `{key, value}`, or a string rendering to a JSON map (or list). */
    labels: z.union([z.string(), labels]),
  }),
  async run(context) {
    const wanted = await toLabels(context.properties.labels, context);
    const system = wanted.find((label) => label.key.startsWith(SYSTEM_PREFIX));
    if (system) {
      throw new Error(`System labels can only be set by Kestra itself, offending label: ${system.key}=${system.value}`);
    }
    return { labels: wanted };
  },
});

/** The labels to set, keys and values rendered, each key once. */
async function toLabels(value: unknown, context: TaskContext): Promise<Label[]> {
  if (typeof value === "string") return fromJson(await context.renderString(value));
  const out = new Map<string, string>();
  if (Array.isArray(value)) {
    // A list: the last of two equal keys wins.
    for (const item of value as { key: string; value: unknown }[]) {
      out.set(await context.renderString(item.key), await renderValue(item.value, item.key, context));
    }
  } else if (isMap(value)) {
    // A map whose keys render to the same text fails, as Java's Collectors.toMap does.
    for (const [rawKey, raw] of Object.entries(value)) {
      const key = await context.renderString(rawKey);
      const rendered = await renderValue(raw, rawKey, context);
      const previous = out.get(key);
      if (previous !== undefined) {
        throw new Error(`Duplicate key ${key} (attempted merging values ${previous} and ${rendered})`);
      }
      out.set(key, rendered);
    }
  } else {
    throw new Error(`Unknown value type: ${typeof value}`);
  }
  return [...out].map(([key, text]) => ({ key, value: text }));
}

/** A map value becomes its JSON text; anything else is rendered from its Java text (`3.14`, `true`). */
async function renderValue(value: unknown, key: string, context: TaskContext): Promise<string> {
  if (value === null || value === undefined) throw new Error(`The label '${key}' has no value`);
  if (isMap(value)) return toJson(await context.render(value));
  return context.renderString(javaString(value));
}

/** A rendered string: a JSON map (or list of `{key, value}`) whose values are taken as text. */
function fromJson(text: string): Label[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`Labels must render to a JSON map: ${messageOf(error)}`);
  }
  if (!Array.isArray(parsed) && !isMap(parsed)) throw new Error(`Labels must render to a JSON map, got: ${text}`);
  const entries: [unknown, unknown][] = Array.isArray(parsed)
    ? parsed.map((item) => (isMap(item) ? [item.key, item.value] : [undefined, undefined]))
    : Object.entries(parsed);
  const out = new Map<string, string>();
  for (const [key, value] of entries) {
    if (typeof key !== "string" || value === null || value === undefined || typeof value === "object") {
      throw new Error(`Labels must render to a JSON map of texts, got: ${text}`);
    }
    out.set(key, String(value));
  }
  return [...out].map(([key, value]) => ({ key, value }));
}
