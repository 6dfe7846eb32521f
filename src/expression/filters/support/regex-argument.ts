/** The `regex` argument the `regexMatch` / `regexReplace` / `regexExtract` filters require. */
import { argumentError } from "../../errors.js";
import { toJavaString } from "./java.js";

export function requiredText(value: unknown, name: string): string {
  if (value === undefined || value === null) throw argumentError(`The argument '${name}' is required.`);
  return toJavaString(value, name);
}
