/**
 * What the per-type parsers share: the handler shape, Java's `toString()` of a raw value,
 * bound checks with Kestra's wording, full-match Java regexes and list reading.
 */
import { ExpressionError } from "../../expression/errors.js";
import { javaRegex } from "../../expression/filters/support/java-regex.js";
import { parseJson } from "../../expression/functions/support/json.js";
import { JDouble, javaString } from "../../expression/values.js";
import { messageOf } from "../../util/errors.js";
import { classCastMessage, JavaFailure } from "../java.js";
import type { InputDeclaration, InputDeps, InputType } from "../model.js";

export interface ParseContext {
  /** The input being parsed (for an ARRAY element, the ARRAY input). */
  readonly input: InputDeclaration;
  readonly deps: InputDeps;
  /** Kestra's parseType for one element of an ARRAY or MULTISELECT. */
  parseItem(type: InputType, value: unknown): Promise<unknown>;
}

export interface InputTypeHandler {
  /** Kestra's parseType for this type: the typed value, or a thrown JavaFailure. */
  parse(value: unknown, context: ParseContext): unknown;
  /** Kestra's Input.validate: the constraint violated by the typed value, if any. `raw` is the value before parsing. */
  validate?(value: unknown, input: InputDeclaration, raw: unknown): string | undefined;
}

/** `current.toString()`: Java's text of a value; null fails as in Java. */
export function text(value: unknown): string {
  if (value === null || value === undefined) {
    throw new JavaFailure(
      'Cannot invoke "Object.toString()" because "current" is null',
      "java.lang.NullPointerException",
    );
  }
  return javaString(value);
}

/** A declared property read as text (bounds such as `after: 2023-01-01` may come as numbers from YAML). */
export function declared(input: InputDeclaration, property: string): string | undefined {
  const value = input[property];
  return value === undefined || value === null ? undefined : javaString(value);
}

export interface Limits<T> {
  readonly low?: T;
  readonly high?: T;
  readonly compare: (left: T, right: T) => number;
  readonly print: (value: T) => string;
  /** The wording: `it must be more than` / `it must be less than`, `it must be after` / `it must be before`. */
  readonly words: readonly [string, string];
}

/** The bound a value breaks, worded as Kestra does, or undefined. */
export function outside<T>(value: T, limits: Limits<T>): string | undefined {
  const { low, high, compare, print, words } = limits;
  if (low !== undefined && compare(value, low) < 0) return `${words[0]} \`${print(low)}\``;
  if (high !== undefined && compare(value, high) > 0) return `${words[1]} \`${print(high)}\``;
  return undefined;
}

export const MORE_LESS = ["it must be more than", "it must be less than"] as const;
export const AFTER_BEFORE = ["it must be after", "it must be before"] as const;

/** Bounds given by two declared properties, parsed with the type's own parser. */
export function declaredLimits<T>(
  input: InputDeclaration,
  [lowProperty, highProperty]: readonly [string, string],
  parse: (text: string) => T,
): { low?: T; high?: T } {
  const low = declared(input, lowProperty);
  const high = declared(input, highProperty);
  return {
    ...(low === undefined ? {} : { low: parse(low) }),
    ...(high === undefined ? {} : { high: parse(high) }),
  };
}

/** SELECT, ENUM and MULTISELECT's message for a value not in the list. */
export function mustMatchValues(values: unknown): string {
  return `it must match the values \`${javaString(values)}\``;
}

/** The `values` of a SELECT-like input as strings (after `expression` was rendered into them). */
export function valuesOf(input: InputDeclaration, property = "values"): string[] | undefined {
  const values = input[property];
  return Array.isArray(values) ? values.map((value) => javaString(value)) : undefined;
}

const fullMatchers = new Map<string, RegExp>();

/** `Pattern.matches(pattern, text)`: the whole text must match the Java regex. */
export function fullMatch(pattern: string, value: string): boolean {
  let matcher = fullMatchers.get(pattern);
  if (!matcher) {
    let regex: RegExp;
    try {
      regex = javaRegex(pattern);
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      const message = error.message.replace(/^java\.util\.regex\.PatternSyntaxException: /, "");
      throw new JavaFailure(message, "java.util.regex.PatternSyntaxException");
    }
    matcher = new RegExp(`(?:${regex.source})(?![\\s\\S])`, `${regex.flags.replace("g", "")}y`);
    if (fullMatchers.size > 500) fullMatchers.clear();
    fullMatchers.set(pattern, matcher);
  }
  matcher.lastIndex = 0;
  return matcher.test(value);
}

/** STRING and SECRET's `validator`. */
export function patternViolation(input: InputDeclaration, value: string): string | undefined {
  const validator = input.validator;
  if (typeof validator !== "string" || fullMatch(validator, value)) return undefined;
  return `it must match the pattern \`${validator}\``;
}

const JACKSON_TOKENS: Readonly<Record<string, string>> = {
  object: "Object value (token `JsonToken.START_OBJECT`)",
  string: "String value (token `JsonToken.VALUE_STRING`)",
  integer: "Integer value (token `JsonToken.VALUE_NUMBER_INT`)",
  float: "Floating-point value (token `JsonToken.VALUE_NUMBER_FLOAT`)",
  true: "Boolean value (token `JsonToken.VALUE_TRUE`)",
  false: "Boolean value (token `JsonToken.VALUE_FALSE`)",
};

function jsonKind(value: unknown): string {
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number" && Number.isInteger(value)) return "integer";
  if (typeof value === "bigint") return "integer";
  if (typeof value === "number" || value instanceof JDouble) return "float";
  return "object";
}

/**
 * ARRAY and MULTISELECT's `current instanceof List ? list : JacksonMapper.toList((String) current)`:
 * a list passes, a string is read as a JSON array, anything else fails the String cast.
 */
export function listOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value !== "string") throw new JavaFailure(classCastMessage(value), "java.lang.ClassCastException");
  let parsed: unknown;
  try {
    parsed = parseJson(value);
  } catch (error) {
    throw new JavaFailure(messageOf(error), "com.fasterxml.jackson.core.JsonParseException");
  }
  if (Array.isArray(parsed)) return parsed;
  if (parsed === null) {
    throw new JavaFailure(
      'Cannot invoke "java.util.List.stream()" because "asList" is null',
      "java.lang.NullPointerException",
    );
  }
  throw new JavaFailure(
    `Cannot deserialize value of type \`java.util.ArrayList<java.lang.Object>\` from ${JACKSON_TOKENS[jsonKind(parsed)] ?? ""}`,
    "com.fasterxml.jackson.databind.exc.MismatchedInputException",
  );
}

/** Parses every element with the item type; any failure is Kestra's `Unable to parse array element`. */
export async function parseItems(
  list: readonly unknown[],
  itemType: InputType,
  context: ParseContext,
): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const element of list) {
    try {
      out.push(await context.parseItem(itemType, element));
    } catch {
      throw new JavaFailure(`Unable to parse array element as \`${itemType}\` on \`${javaString(element)}\``);
    }
  }
  return out;
}

export interface OrderedType<T> {
  /** Whether a raw value already has the type (a typed value passes through). */
  readonly is: (value: unknown) => value is T;
  /** The Java parser of the type's text. */
  readonly parse: (text: string) => T;
  /** The declared bound properties: `["after", "before"]` or `["min", "max"]`. */
  readonly bounds: readonly [string, string];
  readonly compare: (left: T, right: T) => number;
  readonly print: (value: T) => string;
  readonly words: readonly [string, string];
}

/** A type read from text and checked against two declared bounds (dates, times, durations). */
export function orderedType<T>(type: OrderedType<T>): InputTypeHandler {
  return {
    parse: (value) => (type.is(value) ? value : type.parse(text(value))),
    validate: (value, input) => outside(value as T, { ...declaredLimits(input, type.bounds, type.parse), ...type }),
  };
}
