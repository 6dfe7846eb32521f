/** Pebble `length`: UTF-16 length of a string, size of a list or map; 0 for null and for anything else (numbers!). */
import { defineFilter } from "../extension.js";
import { isMap } from "../values.js";

export default defineFilter({
  name: "length",
  args: [],
  apply(input) {
    if (typeof input === "string" || Array.isArray(input)) return input.length;
    if (isMap(input)) return Object.keys(input).length;
    return 0;
  },
});
