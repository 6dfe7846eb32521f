/**
 * The Java exceptions input parsing raises in Kestra, as values: Kestra's messages depend on
 * whether the exception is an IllegalArgumentException (its message is used as-is) or not
 * (its toString, `class: message`, is used).
 */
import { javaClassName } from "../expression/values.js";
import { messageOf } from "../util/errors.js";

export const ILLEGAL_ARGUMENT = "java.lang.IllegalArgumentException";
export const NUMBER_FORMAT = "java.lang.NumberFormatException";
export const EXCEPTION = "java.lang.Exception";

/** Subclasses of IllegalArgumentException among the classes raised here. */
const ILLEGAL_ARGUMENTS = new Set([ILLEGAL_ARGUMENT, NUMBER_FORMAT, "java.util.regex.PatternSyntaxException"]);

/** A Java exception: its class name and message. */
export class JavaFailure extends Error {
  constructor(
    message: string,
    readonly javaClass: string = ILLEGAL_ARGUMENT,
  ) {
    super(message);
    this.name = "JavaFailure";
  }

  get illegalArgument(): boolean {
    return ILLEGAL_ARGUMENTS.has(this.javaClass);
  }

  /** Throwable.toString(). */
  override toString(): string {
    return `${this.javaClass}: ${this.message}`;
  }
}

/** `e instanceof IllegalArgumentException ? e.getMessage() : e.toString()`, Kestra's choice for input errors. */
export function describeFailure(error: unknown): string {
  if (error instanceof JavaFailure) return error.illegalArgument ? error.message : error.toString();
  return `${EXCEPTION}: ${messageOf(error)}`;
}

/** `(String) value` failing: Java 21's ClassCastException message. */
export function classCastMessage(value: unknown, target = "java.lang.String"): string {
  const from = javaClassName(value);
  return `class ${from} cannot be cast to class ${target} (${from} and ${target} are in module java.base of loader 'bootstrap')`;
}

/** `Character.digit(char, 10)` for one UTF-16 unit: any Unicode decimal digit of the BMP, else -1. */
function decimalDigit(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code < 0x80 || (code >= 0xd800 && code <= 0xdfff)) return -1;
  const isDigit = (unit: number) => /\p{Nd}/u.test(String.fromCharCode(unit));
  if (!isDigit(code)) return -1;
  // Decimal digits come in runs of ten from their zero: count back to the start of the run.
  let start = code;
  while (start > 0x80 && isDigit(start - 1)) start--;
  return (code - start) % 10;
}

/** `Integer.parseInt(text)` (what `Integer.valueOf(String)` does). */
export function parseJavaInt(text: string): number {
  const failure = () => new JavaFailure(`For input string: "${text}"`, NUMBER_FORMAT);
  let index = 0;
  let negative = false;
  const first = text.charAt(0);
  if (first === "-" || first === "+") {
    negative = first === "-";
    index = 1;
  }
  if (index >= text.length) throw failure();
  let value = 0;
  for (; index < text.length; index++) {
    const digit = decimalDigit(text, index);
    if (digit < 0) throw failure();
    value = value * 10 + digit;
    if (value > 2_147_483_648) throw failure();
  }
  if (!negative && value > 2_147_483_647) throw failure();
  return negative && value !== 0 ? -value : value;
}

/** Java's `Float.compare`: NaN above everything, -0.0 below 0.0. */
export function floatCompare(left: number, right: number): number {
  if (left < right) return -1;
  if (left > right) return 1;
  const leftBits = Number.isNaN(left) ? 2 : Object.is(left, -0) ? -1 : 0;
  const rightBits = Number.isNaN(right) ? 2 : Object.is(right, -0) ? -1 : 0;
  return Math.sign(leftBits - rightBits);
}

export { messageOf };
