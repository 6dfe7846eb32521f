/**
 * `startsWith` and `endsWith`: `input.toString()` tested against `value.toString()`, with no
 * null guard (a null input or value is a NullPointerException, as in Kestra).
 */
import { defineFilter, type FilterDefinition } from "../../extension.js";
import { toJavaString } from "./java.js";

export function affixFilter(name: string, test: (text: string, affix: string) => boolean): FilterDefinition {
  return defineFilter({
    name,
    args: ["value"],
    apply(input, args) {
      return test(toJavaString(input), toJavaString(args.value, "value"));
    },
  });
}
