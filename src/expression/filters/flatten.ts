/** Kestra `flatten`: removes one level of list nesting. */
import { defineFilter } from "../extension.js";
import { pebbleError } from "./support/java.js";

export default defineFilter({
  name: "flatten",
  args: [],
  apply(input) {
    if (input === null || input === undefined) return null;
    if (!Array.isArray(input)) throw pebbleError("The 'flatten' filter can only be applied to lists.");
    return input.flatMap((item) => (Array.isArray(item) ? item : [item]));
  },
});
