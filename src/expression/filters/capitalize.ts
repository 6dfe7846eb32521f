/** Pebble `capitalize`: title-cases the first non-whitespace char; the rest is left untouched (never lower-cased). */
import { defineFilter } from "../extension.js";
import { castString, isJavaWhitespace, toTitleCaseChar } from "./support/java.js";

export default defineFilter({
  name: "capitalize",
  args: [],
  apply(input) {
    if (input === null || input === undefined) return null;
    const value = castString(input);
    for (let i = 0; i < value.length; i++) {
      if (!isJavaWhitespace(value.charCodeAt(i))) {
        return value.slice(0, i) + toTitleCaseChar(value.charAt(i)) + value.slice(i + 1);
      }
    }
    return value;
  },
});
