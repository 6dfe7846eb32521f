/**
 * Pebble `default(default)`: the fallback when the input is empty in Pebble's sense — null,
 * a string that trims to "" (Java trim), an empty list or an empty map; not 0 or false.
 * (The engine additionally routes undefined-variable errors of the left-hand side here.)
 */
import { defineFilter } from "../extension.js";
import { isMap } from "../values.js";
import { javaTrim } from "./support/java.js";

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === "string") return javaTrim(value) === "";
  if (Array.isArray(value)) return value.length === 0;
  if (isMap(value)) return Object.keys(value).length === 0;
  return false;
}

export default defineFilter({
  name: "default",
  args: ["default"],
  apply(input, args) {
    return isEmpty(input) ? (args.default ?? null) : input;
  },
});
