/** ENUM (deprecated for SELECT): the value's text, one of `values` when the input is required. */
import { choiceViolation } from "./select.js";
import { type InputTypeHandler, text } from "./shared.js";

export const enumInput: InputTypeHandler = {
  parse: (value) => text(value),
  validate: (value, input) => choiceViolation(String(value), input, false),
};
