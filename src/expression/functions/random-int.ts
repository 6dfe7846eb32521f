/**
 * `randomInt(lower, upper)`: a random Integer in [lower, upper). Kestra 0.21 only took
 * Integers (context numbers) and 1.x only Longs (literals); both are accepted here.
 */
import { type Args, defineFunction } from "../extension.js";
import { fail, isIntegral, requireArg } from "./support/args.js";

function bound(args: Args, name: string): bigint {
  const value = requireArg(args, name, `The 'randomIn()' function expects an argument ${name}`);
  if (!isIntegral(value))
    throw fail("expression.argument", `The 'randomIn()' function expects an argument ${name} of type Long.`);
  return BigInt(value);
}

export default defineFunction({
  name: "randomInt",
  args: ["lower", "upper"],
  call(args) {
    const lower = bound(args, "lower");
    const upper = bound(args, "upper");
    if (upper < lower) throw fail("expression.argument", "In 'randomIn()' upper is less than lower");
    const value = Math.floor(Math.random() * Number(upper - lower)) + Number(lower);
    // Java's (int) cast of a double saturates.
    return Math.max(-2147483648, Math.min(2147483647, value));
  },
});
