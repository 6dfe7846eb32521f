/**
 * Kestra `distinct` (1.x): a list without duplicates (Java equals: Integer 1 and Long 1 differ),
 * first occurrences kept. A null input gives the string "null", as in Kestra.
 */
import { defineFilter } from "../extension.js";
import { javaEquals } from "../values.js";
import { javaTypeName, pebbleError } from "./support/java.js";

export default defineFilter({
  name: "distinct",
  args: [],
  apply(input) {
    if (input === null || input === undefined) return "null";
    if (!Array.isArray(input)) throw pebbleError(`Input must be a list, but received : ${javaTypeName(input)}`);
    const kept: unknown[] = [];
    for (const item of input) if (!kept.some((seen) => javaEquals(seen, item))) kept.push(item);
    return kept;
  },
});
