/**
 * Kestra's FlowInputOutput.parseType: the type's parser, with its failures reported the way
 * Kestra reports them — an IllegalArgumentException keeps its message, anything else becomes
 * `Expected \`TYPE\` but received \`value\` with errors: …` (a java.lang.Exception).
 */
import { javaString } from "../expression/values.js";
import { EXCEPTION, JavaFailure, messageOf } from "./java.js";
import type { InputDeclaration, InputDeps, InputType } from "./model.js";
import { INPUT_HANDLERS, type ParseContext } from "./types/index.js";

export async function parseType(type: InputType, value: unknown, context: ParseContext): Promise<unknown> {
  try {
    return await INPUT_HANDLERS[type].parse(value, context);
  } catch (error) {
    if (error instanceof JavaFailure && error.illegalArgument) throw error;
    throw new JavaFailure(
      `Expected \`${type}\` but received \`${javaString(value)}\` with errors:\n\`\`\`\n${messageOf(error)}\n\`\`\``,
      EXCEPTION,
    );
  }
}

/** The parse context of one input; elements of ARRAY/MULTISELECT are parsed with parseType too. */
export function parseContext(input: InputDeclaration, deps: InputDeps): ParseContext {
  const context: ParseContext = {
    input,
    deps,
    parseItem: (type, value) => parseType(type, value, context),
  };
  return context;
}

/** Parses a value of an input with its declared type. */
export function parseInputValue(input: InputDeclaration, value: unknown, deps: InputDeps): Promise<unknown> {
  return parseType(input.type, value, parseContext(input, deps));
}
