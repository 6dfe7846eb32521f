/** Pebble `title`: title-cases the first char after each whitespace; nothing is lower-cased, `-` is no boundary. */
import { defineFilter } from "../extension.js";
import { castString, isJavaWhitespace, toTitleCaseChar } from "./support/java.js";

export default defineFilter({
  name: "title",
  args: [],
  apply(input) {
    if (input === null || input === undefined) return null;
    const value = castString(input);
    let out = "";
    let capitalizeNext = true;
    for (let i = 0; i < value.length; i++) {
      const char = value.charAt(i);
      if (isJavaWhitespace(value.charCodeAt(i))) {
        capitalizeNext = true;
        out += char;
      } else if (capitalizeNext) {
        capitalizeNext = false;
        out += toTitleCaseChar(char);
      } else out += char;
    }
    return out;
  },
});
