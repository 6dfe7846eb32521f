/**
 * Kestra's message shapes for invalid inputs and the HTTP 422 body they become.
 */
import { javaString } from "../expression/values.js";
import type { InputError } from "./model.js";

/** `Data.toConstraintViolationException`: `Invalid input for \`<id>\`, <reason>, but received \`<value>\``. */
export function invalidInputMessage(id: string, reason: string, value: unknown): string {
  return `Invalid input for \`${id}\`, ${reason}, but received \`${javaString(value)}\``;
}

/** ConstraintViolationException.getMessage(): `<id>: <message>` (what `enum: Invalid input…` shows). */
export function exceptionMessage(error: InputError): string {
  return error.kind === "violation" ? `${error.input}: ${error.message}` : error.message;
}

/** The JSON body Kestra's ErrorController returns with HTTP 422 for an input error. */
export interface InputErrorBody {
  readonly message: string;
  readonly _embedded?: { readonly errors: readonly { readonly message: string; readonly path: string }[] };
}

export function inputErrorBody(error: InputError): InputErrorBody {
  if (error.kind === "illegal-argument") return { message: `Illegal argument: ${error.message}` };
  return {
    message: `Invalid entity: ${exceptionMessage(error)}`,
    _embedded: { errors: [{ message: error.message, path: error.input }] },
  };
}
