/** Kestra `string` (1.x): Java's `toString()` of the value (`{a=1}` for a map, `[1, 2]` for a list); null stays null. */
import { defineFilter } from "../extension.js";
import { toJavaString } from "./support/java.js";

export default defineFilter({
  name: "string",
  args: [],
  apply(input) {
    if (input === null || input === undefined) return null;
    return toJavaString(input);
  },
});
