/**
 * `tasksWithState(state)` (Kestra 1.x): the tasks of the `tasks` variable whose state matches
 * (case-insensitive), as `{taskId, state}` maps, plus `value` for iterated tasks
 * (`tasks.t.<value>.state`). Kestra builds each entry as a HashMap, hence the key order;
 * a nested `tasks.t.state.state` yields the literal value "state", as in Kestra.
 */
import { defineFunction } from "../extension.js";
import { hashMapOrder, stringHash } from "../java-hashmap.js";
import { isMap } from "../values.js";
import { castString, fail, type JsonMap, mapGet, requireArg } from "./support/args.js";

const KEY_ORDER = hashMapOrder(["taskId", "state", "value"], stringHash);

function entry(fields: Readonly<Record<string, string>>): JsonMap {
  const out: JsonMap = {};
  for (const key of KEY_ORDER) if (fields[key] !== undefined) out[key] = fields[key];
  return out;
}

function nestedState(value: unknown): string | undefined {
  const state = mapGet(value, "state");
  return typeof state === "string" ? state.toUpperCase() : undefined;
}

export default defineFunction({
  name: "tasksWithState",
  args: ["state"],
  call(args, context) {
    const wanted = castString(requireArg(args, "state", "The 'tasksWithState' function expects an argument 'state'."));
    if (wanted === null)
      throw fail("expression.argument", "The 'tasksWithState' function expects an argument 'state'.");
    const filter = wanted.toUpperCase();
    const tasks = context.variable("tasks");
    const out: JsonMap[] = [];
    if (!isMap(tasks)) return out;
    for (const [taskId, details] of Object.entries(tasks)) {
      if (!isMap(details)) continue;
      for (const [key, value] of Object.entries(details)) {
        if (key === "state" && typeof value === "string") {
          if (value.toUpperCase() === filter) out.push(entry({ taskId, state: filter }));
        } else if (nestedState(value) === filter) {
          out.push(entry({ taskId, state: filter, value: key }));
        }
      }
    }
    return out;
  },
});
