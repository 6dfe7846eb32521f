/**
 * MULTISELECT: a list (or a JSON array string) whose elements are parsed with `itemType`
 * (STRING by default); each must be one of `values` (or the deprecated `options`) unless
 * `allowCustomValue` is true. Elements are compared with Java's equals, so a typed element
 * (itemType INT) never equals a listed string.
 */
import type { InputType } from "../model.js";
import { type InputTypeHandler, listOf, mustMatchValues, parseItems, valuesOf } from "./shared.js";

export const multiselectInput: InputTypeHandler = {
  parse: (value, context) => {
    const itemType = (context.input.itemType as InputType | undefined) ?? "STRING";
    return parseItems(listOf(value), itemType, context);
  },
  validate: (value, input) => {
    const values = valuesOf(input);
    const options = valuesOf(input, "options");
    if (values !== undefined && options !== undefined) return "you can't define both `values` and `options`";
    if (input.allowCustomValue === true) return undefined;
    const allowed = values ?? options ?? [];
    const invalid = (value as unknown[]).some((item) => typeof item !== "string" || !allowed.includes(item));
    return invalid ? mustMatchValues(allowed) : undefined;
  },
};
