/**
 * Pebble `split(delimiter, limit)`: Java's String.split — the delimiter is a regex
 * (`'.'` matches everything, `'|'` splits between chars), trailing empty strings are dropped
 * unless a negative limit is given, and a positive limit caps the number of pieces.
 */
import { defineFilter } from "../extension.js";
import { isNumber } from "../values.js";
import { castOptionalString, castString, classCastError, intValue, pebbleError } from "./support/java.js";
import { javaSplit } from "./support/java-regex.js";

export default defineFilter({
  name: "split",
  args: ["delimiter", "limit"],
  apply(input, args) {
    if (input === null || input === undefined) return null;
    const delimiter = castOptionalString(args.delimiter);
    const limit = args.limit ?? null;
    if (limit !== null && !isNumber(limit)) throw classCastError(limit, "java.lang.Number");
    if (delimiter === null) throw pebbleError("missing delimiter parameter in split filter");
    return javaSplit(castString(input), delimiter, limit === null ? 0 : intValue(limit));
  },
});
