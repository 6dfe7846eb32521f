/** io.kestra.plugin.core.output.OutputValues: renders a map of values and exposes it as `outputs.<id>.values`. */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { anyMap, dynamic } from "../../../src/plugin/properties.js";
import type { TaskContext } from "../../../src/plugin/task-context.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.output.OutputValues",
  title: "Output one or more values (strings, numbers, lists or maps) for downstream tasks.",
  properties: z.strictObject({
    values: dynamic(anyMap).optional(),
  }),
  outputs: z.object({
    values: anyMap,
  }),
  async run(context) {
    // Kestra renders each template to text (`count: "{{ n }}"` gives '4', not 4), in maps and lists too.
    const values = (await asText(context.properties.values ?? {}, context)) as Record<string, unknown>;
    return { outputs: { values } };
  },
});

async function asText(value: unknown, context: TaskContext): Promise<unknown> {
  if (Array.isArray(value)) return Promise.all(value.map((item) => asText(item, context)));
  if (value !== null && typeof value === "object") {
    const entries = await Promise.all(
      Object.entries(value).map(async ([k, v]) => [k, await asText(v, context)] as const),
    );
    return Object.fromEntries(entries);
  }
  // Templates render to text; YAML numbers and booleans stay what they are (`1 == 1` holds).
  return typeof value === "string" ? context.renderString(value) : value;
}
