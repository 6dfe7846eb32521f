/**
 * `range(start, end, increment=1)`: Pebble's built-in. Inclusive on both ends; numbers are
 * truncated to Longs and give a list of Longs; two one-letter strings give a list of letters.
 * An empty list when the increment points away from `end`.
 */
import { defineFunction } from "../extension.js";
import { range as longRange } from "../operators.js";
import { isNumber, javaString } from "../values.js";
import { fail, longValue } from "./support/args.js";

const BAD_ARGUMENTS = "Arguments of range function must be of type Number or String with a length of 1";

function steps(start: bigint, end: bigint, increment: bigint): bigint[] {
  if (increment === 0n)
    throw fail("expression.argument", "The increment of the range function must be different than 0");
  return longRange(start, end, increment);
}

export default defineFunction({
  name: "range",
  args: ["start", "end", "increment"],
  call(args) {
    const { start, end } = args;
    const by = args.increment ?? 1n;
    if (!isNumber(by)) {
      throw fail("expression.argument", `The increment of the range function must be a number ${javaString(by)}`);
    }
    const increment = longValue(by);
    if (isNumber(start) && isNumber(end)) return steps(longValue(start), longValue(end), increment);
    if (typeof start === "string" && typeof end === "string") {
      if (start.length !== 1 || end.length !== 1) throw fail("expression.argument", BAD_ARGUMENTS);
      const codes = steps(BigInt(start.charCodeAt(0)), BigInt(end.charCodeAt(0)), increment);
      return codes.map((code) => String.fromCharCode(Number(code)));
    }
    throw fail("expression.argument", BAD_ARGUMENTS);
  },
});
