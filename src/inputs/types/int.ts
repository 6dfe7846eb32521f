/** INT: a Java Integer (a JS integer within 32 bits); `min`/`max` are inclusive. */
import { parseJavaInt } from "../java.js";
import { type InputTypeHandler, MORE_LESS, outside, text } from "./shared.js";

function isInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= -2_147_483_648 && value <= 2_147_483_647;
}

export const intInput: InputTypeHandler = {
  parse: (value) => (isInteger(value) ? value : parseJavaInt(text(value))),
  validate: (value, input) =>
    outside(value as number, {
      ...(isInteger(input.min) ? { low: input.min } : {}),
      ...(isInteger(input.max) ? { high: input.max } : {}),
      compare: (left, right) => left - right,
      print: String,
      words: MORE_LESS,
    }),
};
