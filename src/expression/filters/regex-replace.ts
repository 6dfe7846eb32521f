/** Kestra `regexReplace(regex, replacement)`: Java replaceAll (`$1`, `${name}` groups) on `input.toString()`. */
import { defineFilter } from "../extension.js";
import { toJavaString } from "./support/java.js";
import { javaReplaceAll } from "./support/java-regex.js";
import { requiredText } from "./support/regex-argument.js";

export default defineFilter({
  name: "regexReplace",
  args: ["regex", "replacement"],
  apply(input, args) {
    if (input === null || input === undefined) return null;
    const regex = requiredText(args.regex, "regex");
    const replacement = requiredText(args.replacement, "replacement");
    return javaReplaceAll(toJavaString(input), regex, replacement);
  },
});
