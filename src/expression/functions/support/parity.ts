/** Shared rule of the `even` and `odd` tests: Pebble casts the input to Integer or Long. */
import { ExpressionError } from "../../errors.js";
import { isNumber, javaClassName, numberKind } from "../../values.js";

export function isEven(input: unknown, test: "even" | "odd"): boolean {
  if (input === null || input === undefined) {
    throw new ExpressionError("expression.argument", `Can not pass null value to "${test}" test.`);
  }
  if ((typeof input === "number" || typeof input === "bigint") && isNumber(input)) {
    const kind = numberKind(input);
    if (kind === "Integer" || kind === "Long") return BigInt(input) % 2n === 0n;
  }
  throw new ExpressionError("expression.type", `class ${javaClassName(input)} cannot be cast to class java.lang.Long`);
}
