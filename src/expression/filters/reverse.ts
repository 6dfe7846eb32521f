/** Pebble `reverse`: a list in reverse order (strings and maps are a ClassCastException). */
import { defineFilter } from "../extension.js";
import { classCastError } from "./support/java.js";

export default defineFilter({
  name: "reverse",
  args: [],
  apply(input) {
    if (input === null || input === undefined) return null;
    if (!Array.isArray(input)) throw classCastError(input, "java.util.List");
    return [...input].reverse();
  },
});
