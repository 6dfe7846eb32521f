/**
 * The shape shared by fromJson, yaml and fromIon: a required string argument, an optional
 * null shortcut, and "Invalid <format>: <reason>" when the parser rejects the text.
 */
import type { Args } from "../../extension.js";
import { fail, requireArg } from "./args.js";

export interface ParseOptions {
  readonly functionName: string;
  readonly argName: string;
  /** "json", "yaml", "ion": the word in "Invalid json: ...". */
  readonly format: string;
  /** Whether a null argument returns null (fromJson, fromIon) instead of failing (yaml). */
  readonly nullable: boolean;
}

/** Reads the text argument and parses it, with Kestra's messages. */
export function parseTextArg(args: Args, options: ParseOptions, parse: (text: string) => unknown): unknown {
  const { functionName, argName } = options;
  const text = requireArg(args, argName, `The '${functionName}' function expects an argument '${argName}'.`);
  if (text === null && options.nullable) return null;
  if (typeof text !== "string") {
    throw fail(
      "expression.argument",
      `The '${functionName}' function expects an argument '${argName}' with type string.`,
    );
  }
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof SyntaxError || (error instanceof Error && error.name.endsWith("SyntaxError"))) {
      throw fail("expression.argument", `Invalid ${options.format}: ${error.message}`);
    }
    throw error;
  }
}
