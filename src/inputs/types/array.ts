/** ARRAY: a list, or a JSON array string, whose elements are parsed with `itemType`. */
import type { InputType } from "../model.js";
import { type InputTypeHandler, listOf, parseItems } from "./shared.js";

export const arrayInput: InputTypeHandler = {
  parse: (value, context) => {
    const list = listOf(value);
    const itemType = context.input.itemType as InputType | undefined;
    return itemType === undefined ? list : parseItems(list, itemType, context);
  },
};
