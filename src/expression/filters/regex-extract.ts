/** Kestra `regexExtract(regex, group=0)`: the first match (or one of its groups) in `input.toString()`; null when none. */
import { defineFilter } from "../extension.js";
import { intArgument, toJavaString } from "./support/java.js";
import { javaFind, javaGroup } from "./support/java-regex.js";
import { requiredText } from "./support/regex-argument.js";

export default defineFilter({
  name: "regexExtract",
  args: ["regex", "group"],
  apply(input, args) {
    if (input === null || input === undefined) return null;
    const regex = requiredText(args.regex, "regex");
    const group = args.group === undefined || args.group === null ? 0 : intArgument(args.group, "group");
    const match = javaFind(toJavaString(input), regex);
    return match ? javaGroup(match, group) : null;
  },
});
