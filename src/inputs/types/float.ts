/** FLOAT: a Java Float (JFloat), read with `Float.valueOf`; `min`/`max` are inclusive. */
import { ExpressionError } from "../../expression/errors.js";
import { parseJavaDouble } from "../../expression/filters/support/java-numbers.js";
import { JFloat, javaFloatString } from "../../expression/values.js";
import { floatCompare, JavaFailure, NUMBER_FORMAT } from "../java.js";
import { type InputTypeHandler, MORE_LESS, outside, text } from "./shared.js";

/** `Float.valueOf(text)`. */
function floatValueOf(value: string): JFloat {
  try {
    return new JFloat(parseJavaDouble(value));
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    throw new JavaFailure(error.message.replace(/^java\.lang\.NumberFormatException: /, ""), NUMBER_FORMAT);
  }
}

const asFloat = (bound: unknown) => (typeof bound === "number" ? Math.fround(bound) : undefined);

export const floatInput: InputTypeHandler = {
  parse: (value) => (value instanceof JFloat ? value : floatValueOf(text(value))),
  validate: (value, input) => {
    const low = asFloat(input.min);
    const high = asFloat(input.max);
    return outside((value as JFloat).value, {
      ...(low === undefined ? {} : { low }),
      ...(high === undefined ? {} : { high }),
      compare: floatCompare,
      print: javaFloatString,
      words: MORE_LESS,
    });
  },
};
