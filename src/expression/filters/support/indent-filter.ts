/**
 * Kestra's `indent` and `nindent` (AbstractIndent): the line separator is detected from the
 * input (CRLF, LFCR, LF, CR, else the system's `\n`), and every separator is followed by
 * `prefix` repeated `amount` times; `nindent` first prepends a separator.
 */
import { argumentError } from "../../errors.js";
import { defineFilter, type FilterDefinition } from "../../extension.js";
import { isNumber } from "../../values.js";
import { castString, classCastError, intValue, toJavaString } from "./java.js";

function lineSeparator(text: string): string {
  if (text.includes("\r\n")) return "\r\n";
  if (text.includes("\n\r")) return "\n\r";
  if (text.includes("\n")) return "\n";
  if (text.includes("\r")) return "\r";
  return "\n";
}

export function indentFilter(name: "indent" | "nindent"): FilterDefinition {
  return defineFilter({
    name,
    args: ["amount", "prefix"],
    apply(input, args) {
      if (input === null || input === undefined) return null;
      const text = toJavaString(input);
      if (text === "") return text;
      if (args.amount === undefined)
        throw argumentError(`The '${name}' filter expects an integer as argument 'amount'.`);
      if (!isNumber(args.amount)) throw classCastError(args.amount, "java.lang.Long");
      const amount = intValue(args.amount);
      if (amount < 0) throw argumentError(`The '${name}' filter expects a positive integer >=0 as argument 'amount'.`);
      const prefix = args.prefix === undefined ? " " : castString(args.prefix);
      const newLine = lineSeparator(text);
      const source = name === "nindent" ? newLine + text : text;
      return source.split(newLine).join(newLine + prefix.repeat(amount));
    },
  });
}
