/** Pebble `slice(fromIndex, toIndex)`: a sub-list or substring; `toIndex` defaults to the length and must not exceed it. */
import { defineFilter } from "../extension.js";
import { isNumber } from "../values.js";
import { intValue, javaException, javaTypeName, pebbleError } from "./support/java.js";

function index(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isNumber(value)) throw pebbleError(`Argument ${name} must be a number. Actual type: ${javaTypeName(value)}`);
  return intValue(value);
}

export default defineFilter({
  name: "slice",
  args: ["fromIndex", "toIndex"],
  apply(input, args) {
    if (input === null || input === undefined) return null;
    const from = index(args.fromIndex, "fromIndex") ?? 0;
    if (from < 0) throw javaException("java.lang.IllegalArgumentException", "fromIndex must be greater than 0");
    const requestedTo = index(args.toIndex, "toIndex");
    if (typeof input !== "string" && !Array.isArray(input)) {
      throw pebbleError(
        `Slice filter can only be applied to String, List and array inputs. Actual type was: ${javaTypeName(input)}`,
      );
    }
    const length = input.length;
    if (requestedTo !== undefined && requestedTo > length) {
      throw pebbleError(`toIndex must be smaller than input size: ${length}`);
    }
    if (requestedTo !== undefined && from >= requestedTo) throw pebbleError("toIndex must be greater than fromIndex");
    const to = requestedTo ?? length;
    if (from > to) {
      throw javaException("java.lang.IndexOutOfBoundsException", `begin ${from}, end ${to}, length ${length}`);
    }
    return input.slice(from, to);
  },
});
