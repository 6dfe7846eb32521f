/** Kestra `chunk(size)`: a list cut into consecutive sub-lists of `size` (the last may be shorter). */
import { argumentError } from "../errors.js";
import { defineFilter } from "../extension.js";
import { isNumber } from "../values.js";
import { intValue, javaException, javaTypeName, pebbleError } from "./support/java.js";

export default defineFilter({
  name: "chunk",
  args: ["size"],
  apply(input, args) {
    if (input === null || input === undefined) return null;
    if (args.size === undefined) throw argumentError("'chunk' filter expects an argument 'size'.");
    if (!Array.isArray(input)) {
      throw pebbleError(`'chunk' filter can only be applied to List. Actual type was: ${javaTypeName(input)}`);
    }
    if (!isNumber(args.size)) {
      throw pebbleError(`'chunk' filter argument 'size' must be a number. Actual type was: ${javaTypeName(args.size)}`);
    }
    const size = intValue(args.size);
    if (size <= 0) throw javaException("java.lang.IllegalArgumentException", "size must be greater than 0");
    const chunks: unknown[][] = [];
    for (let i = 0; i < input.length; i += size) chunks.push(input.slice(i, i + size));
    return chunks;
  },
});
