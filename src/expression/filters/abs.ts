/** Pebble `abs`: the absolute value, keeping the number's Java type (Integer stays 32-bit, so MIN_VALUE stays negative). */
import { defineFilter } from "../extension.js";
import { isNumber, JDouble, JFloat, long, numberKind } from "../values.js";
import { pebbleError } from "./support/java.js";
import { JBigDecimal, JBigInteger } from "./support/java-numbers.js";

export default defineFilter({
  name: "abs",
  args: [],
  apply(input) {
    if (input === null || input === undefined) throw pebbleError('Can not pass null value to "abs" filter.');
    if (input instanceof JBigInteger) return new JBigInteger(input.value < 0n ? -input.value : input.value);
    if (input instanceof JBigDecimal)
      return new JBigDecimal(input.unscaled < 0n ? -input.unscaled : input.unscaled, input.scale);
    if (!isNumber(input)) throw pebbleError("The 'abs' filter does require as input a number.");
    if (typeof input === "bigint") return long(input < 0n ? -input : input);
    if (input instanceof JDouble) return new JDouble(Math.abs(input.value));
    if (input instanceof JFloat) return new JFloat(Math.abs(input.value));
    return numberKind(input) === "Integer" ? Math.abs(input) | 0 : Math.abs(input);
  },
});
