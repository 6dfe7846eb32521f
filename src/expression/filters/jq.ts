/**
 * Kestra's `jq(expression)` filter: runs a jq program over the input and returns the list
 * of its results (`| first` takes the first). A string input is parsed as JSON first; any
 * other value is converted as Kestra's Jackson mapper does. A null input gives null.
 *
 * Kestra uses jackson-jq (jq 1.6 dialect); Tern runs the real jq 1.8 (see ../jq.ts), with
 * results typed as Kestra types them: Integer, Long, Double, String, Boolean, null, Map, List.
 */

import { messageOf } from "../../util/errors.js";
import { argumentError, ExpressionError } from "../errors.js";
import { defineFilter } from "../extension.js";
import { initJq, isJqReady, runJq } from "../jq.js";
import { parseJacksonJson } from "../jq-json.js";
import { javaClassName, javaString } from "../values.js";

export default defineFilter({
  name: "jq",
  args: ["expression"],
  apply(input, args, context) {
    if (input === null || input === undefined) return null;
    const expression = args.expression;
    if (expression === undefined) throw argumentError("The 'jq' filter expects an argument 'expression'.");
    if (expression !== null && typeof expression !== "string") {
      throw argumentError(`The 'jq' filter expects a string 'expression', got ${javaClassName(expression)}`);
    }
    // Kestra wraps every failure (compile error, unparsable input, runtime error) in one message.
    const failure = (reason: string) =>
      new ExpressionError(
        "expression.error",
        `Unable to parse jq value '${javaString(input)}' with type '${javaClassName(input)}': ${reason}`,
      );
    if (expression === null) throw failure("the jq expression is null");

    let value: unknown = input;
    if (typeof input === "string") {
      try {
        // Blank text has no JSON value (Jackson's MissingNode): jq sees null.
        value = parseJacksonJson(input) ?? null;
      } catch (error) {
        throw failure(messageOf(error));
      }
    }

    // Hosts load the engine at startup; if one did not, load it now (the render is replayed).
    if (!isJqReady()) context.await("jq:engine", () => initJq());
    try {
      return runJq(expression, value, { keepNullFields: typeof input === "string" });
    } catch (error) {
      throw failure(messageOf(error));
    }
  },
});
