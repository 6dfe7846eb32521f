/** STRING: the value's text; `validator` is a Java regex the whole text must match. */
import { type InputTypeHandler, patternViolation, text } from "./shared.js";

export const stringInput: InputTypeHandler = {
  parse: (value) => text(value),
  validate: (value, input) => patternViolation(input, String(value)),
};
