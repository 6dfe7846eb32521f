/**
 * Kestra `number(type)`: parses a string. `INT`, `FLOAT`, `LONG`, `DOUBLE`, `BIGDECIMAL` and
 * `BIGINTEGER` force a type; otherwise Commons Lang's createNumber picks Integer, Long,
 * BigInteger, Float (decimals that survive 32 bits: '12.3' is a Float!), Double or BigDecimal.
 */
import { defineFilter } from "../extension.js";
import { castOptionalString, javaTypeName, pebbleError } from "./support/java.js";
import {
  createBigDecimal,
  createBigInteger,
  createDouble,
  createFloat,
  createInteger,
  createLong,
  createNumber,
} from "./support/java-numbers.js";

const PARSERS: Readonly<Record<string, (text: string) => unknown>> = {
  INT: createInteger,
  FLOAT: createFloat,
  LONG: createLong,
  DOUBLE: createDouble,
  BIGDECIMAL: createBigDecimal,
  BIGINTEGER: createBigInteger,
};

export default defineFilter({
  name: "number",
  args: ["type"],
  apply(input, args) {
    if (input === null || input === undefined) return null;
    if (typeof input !== "string") {
      throw pebbleError(`'number' filter can only be applied to String. Actual type was: ${javaTypeName(input)}`);
    }
    const type = castOptionalString(args.type) ?? "";
    return (PARSERS[type] ?? createNumber)(input);
  },
});
