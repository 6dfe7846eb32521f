/**
 * `x is json` (Kestra): Jackson can read a JSON value from the string (`readTree`): only the
 * first value counts, empty text is accepted. A non-string is a ClassCastException.
 */
import { ExpressionError } from "../errors.js";
import { defineTest } from "../extension.js";
import { isJacksonReadable } from "../functions/support/json.js";
import { javaClassName } from "../values.js";

export default defineTest({
  name: "json",
  args: [],
  test(input) {
    if (input === null || input === undefined) {
      throw new ExpressionError("expression.argument", 'argument "content" is null');
    }
    if (typeof input !== "string") {
      throw new ExpressionError(
        "expression.type",
        `class ${javaClassName(input)} cannot be cast to class java.lang.String`,
      );
    }
    return isJacksonReadable(input);
  },
});
