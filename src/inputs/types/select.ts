/**
 * SELECT: the value's text, which must be one of `values` (rendered from `expression` when
 * set) — unless the input is optional or `allowCustomValue` is true.
 */
import { JavaFailure } from "../java.js";
import type { InputDeclaration } from "../model.js";
import { type InputTypeHandler, mustMatchValues, text, valuesOf } from "./shared.js";

/** `values.contains(value)` for SELECT and ENUM; optional inputs accept anything, as in Kestra. */
export function choiceViolation(value: string, input: InputDeclaration, allowCustom: boolean): string | undefined {
  const values = valuesOf(input);
  if (values === undefined) {
    throw new JavaFailure(
      'Cannot invoke "java.util.List.contains(Object)" because "this.values" is null',
      "java.lang.NullPointerException",
    );
  }
  if (values.includes(value) || !input.required || allowCustom) return undefined;
  return mustMatchValues(values);
}

export const selectInput: InputTypeHandler = {
  parse: (value) => text(value),
  validate: (value, input) => choiceViolation(String(value), input, input.allowCustomValue === true),
};
