/** BOOLEAN (deprecated, three-state in the UI) and BOOL: `Boolean.valueOf`, so anything but "true" (any case) is false. */
import { type InputTypeHandler, text } from "./shared.js";

export const booleanInput: InputTypeHandler = {
  parse: (value) => (typeof value === "boolean" ? value : text(value).toLowerCase() === "true"),
};
