/** Kestra `keys`: a map's keys, or a list's indices (Integers 0..n-1). */
import { defineFilter } from "../extension.js";
import { isMap } from "../values.js";
import { javaTypeName, pebbleError } from "./support/java.js";

export default defineFilter({
  name: "keys",
  args: [],
  apply(input) {
    if (input === null || input === undefined) return null;
    if (isMap(input)) return Object.keys(input);
    if (Array.isArray(input)) return input.map((_, i) => i);
    throw pebbleError(`'keys' filter can only be applied to List, Map, Array. Actual type was: ${javaTypeName(input)}`);
  },
});
