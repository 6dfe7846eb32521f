/** Pebble `trim`: Java's String.trim (strips every char <= U+0020, no other Unicode space). */
import { defineFilter } from "../extension.js";
import { castString, javaTrim } from "./support/java.js";

export default defineFilter({
  name: "trim",
  args: [],
  apply(input) {
    if (input === null || input === undefined) return null;
    return javaTrim(castString(input));
  },
});
