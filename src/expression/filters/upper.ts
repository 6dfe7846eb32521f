/** Pebble `upper`: `input.toString().toUpperCase(locale)` (full mapping: ß → SS). */
import { defineFilter } from "../extension.js";
import { javaUpperCase, toJavaString } from "./support/java.js";

export default defineFilter({
  name: "upper",
  args: [],
  apply(input, _args, context) {
    if (input === null || input === undefined) return null;
    return javaUpperCase(toJavaString(input), context.locale);
  },
});
