/** Kestra `values`: a map's values, in the map's order. */
import { defineFilter } from "../extension.js";
import { isMap } from "../values.js";
import { javaTypeName, pebbleError } from "./support/java.js";

export default defineFilter({
  name: "values",
  args: [],
  apply(input) {
    if (input === null || input === undefined) return null;
    if (isMap(input)) return Object.values(input);
    throw pebbleError(`'values' filter can only be applied to Map. Actual type was: ${javaTypeName(input)}`);
  },
});
