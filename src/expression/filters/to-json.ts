/**
 * Kestra `toJson(includeNulls=false)`: Jackson JSON text of any value (null → "null", non-ASCII
 * kept, null map entries omitted unless `includeNulls` is true — a later Kestra addition).
 */
import { defineFilter } from "../extension.js";
import { isMap, toJson } from "../values.js";

/** JSON keeping null map entries: the containers are walked here, every scalar is written by toJson. */
function jsonWithNulls(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(jsonWithNulls).join(",")}]`;
  if (isMap(value)) {
    const members = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}:${jsonWithNulls(item)}`);
    return `{${members.join(",")}}`;
  }
  return toJson(value);
}

export default defineFilter({
  name: "toJson",
  args: ["includeNulls"],
  apply(input, args) {
    if (input === null || input === undefined) return "null";
    return args.includeNulls === true ? jsonWithNulls(input) : toJson(input);
  },
});
