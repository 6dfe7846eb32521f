/**
 * The four `substring*` filters: Apache Commons `StringUtils.substringBefore` & co. applied to
 * `input.toString()`, with a required `separator` argument.
 */
import { argumentError } from "../../errors.js";
import { defineFilter, type FilterDefinition } from "../../extension.js";
import { castOptionalString, toJavaString } from "./java.js";

export function separatorFilter(
  name: string,
  cut: (text: string, separator: string | null) => string,
): FilterDefinition {
  return defineFilter({
    name,
    args: ["separator"],
    apply(input, args) {
      if (input === null || input === undefined) return null;
      if (args.separator === undefined) throw argumentError(`The '${name}' filter expects an argument 'separator'.`);
      return cut(toJavaString(input), castOptionalString(args.separator));
    },
  });
}
