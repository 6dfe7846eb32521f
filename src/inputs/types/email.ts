/** EMAIL: the text, empty or shaped like `name@domain`. */
import { type InputTypeHandler, text } from "./shared.js";

const EMAIL_PATTERN = /^$|^[a-zA-Z0-9_!#$%&’*+/=?`{|}~^.-]+@[a-zA-Z0-9.-]+$/;

export const emailInput: InputTypeHandler = {
  parse: (value) => text(value),
  validate: (value) => (EMAIL_PATTERN.test(String(value)) ? undefined : "The input must be a valid email"),
};
