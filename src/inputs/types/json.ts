/** JSON: a map or list passes as is; text is read with Jackson (Integer/Long/Double kept apart). */
import { parseJson } from "../../expression/functions/support/json.js";
import { isMap } from "../../expression/values.js";
import { messageOf } from "../../util/errors.js";
import { EXCEPTION, JavaFailure } from "../java.js";
import { type InputTypeHandler, text } from "./shared.js";

/** A structured value passes; text goes through `read`, whose syntax errors become Jackson's exception. */
export function structured(read: (text: string) => unknown): InputTypeHandler {
  return {
    parse: (value) => {
      if (isMap(value) || Array.isArray(value)) return value;
      const source = text(value);
      try {
        return read(source);
      } catch (error) {
        throw new JavaFailure(messageOf(error), EXCEPTION);
      }
    },
  };
}

export const jsonInput = structured(parseJson);
