/** Kestra `regexMatch(regex)`: whether a Java regex matches anywhere in `input.toString()` (null → false). */
import { defineFilter } from "../extension.js";
import { toJavaString } from "./support/java.js";
import { javaFind } from "./support/java-regex.js";
import { requiredText } from "./support/regex-argument.js";

export default defineFilter({
  name: "regexMatch",
  args: ["regex"],
  apply(input, args) {
    if (input === null || input === undefined) return false;
    return javaFind(toJavaString(input), requiredText(args.regex, "regex")) !== undefined;
  },
});
