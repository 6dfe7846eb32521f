/** Pebble `lower`: `input.toString().toLowerCase(locale)`. */
import { defineFilter } from "../extension.js";
import { javaLowerCase, toJavaString } from "./support/java.js";

export default defineFilter({
  name: "lower",
  args: [],
  apply(input, _args, context) {
    if (input === null || input === undefined) return null;
    return javaLowerCase(toJavaString(input), context.locale);
  },
});
