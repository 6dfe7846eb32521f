/**
 * Java semantics the filters share: class names, the exceptions Java raises (ClassCastException,
 * NullPointerException, ...) with the message shapes users see in Kestra, Number.intValue(),
 * Character.isWhitespace, String.trim, Character.toTitleCase and locale-aware case mapping.
 */
import { ExpressionError } from "../../errors.js";
import { isNumber, JDouble, JFloat, javaClassName, javaString, numberKind } from "../../values.js";

/** Marks a value with the Java class it stands for when the value model cannot tell (HashMap, BigDecimal...). */
export const JAVA_CLASS: unique symbol = Symbol.for("tern.javaClass");

/** An object that declares the Java class it represents. */
export interface JavaClassed {
  readonly [JAVA_CLASS]: string;
}

function declaredClass(value: unknown): string | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const declared = (value as Partial<JavaClassed>)[JAVA_CLASS];
  return typeof declared === "string" ? declared : undefined;
}

/** `value.getClass().getName()`, honouring objects that declare their class (BigDecimal, BigInteger). */
export function javaTypeName(value: unknown): string {
  return declaredClass(value) ?? javaClassName(value);
}

/** The error a filter raises for a bad input or state, with Pebble's message. */
export function pebbleError(message: string): ExpressionError {
  return new ExpressionError("expression.error", message);
}

/** A ClassCastException as the JVM words it. */
export function classCastError(value: unknown, target: string): ExpressionError {
  const source = javaTypeName(value);
  const module =
    source.startsWith("java.") && target.startsWith("java.")
      ? ` (${source} and ${target} are in module java.base of loader 'bootstrap')`
      : "";
  return new ExpressionError("expression.type", `class ${source} cannot be cast to class ${target}${module}`);
}

/** A NullPointerException, as Java 17+ reports it (helpful NPE message). */
export function nullPointerError(detail: string): ExpressionError {
  return new ExpressionError("expression.error", `java.lang.NullPointerException: ${detail}`);
}

/** An unchecked Java exception that reaches the user unwrapped (IllegalArgumentException, ...). */
export function javaException(className: string, message: string): ExpressionError {
  return new ExpressionError("expression.argument", `${className}: ${message}`);
}

/** `(String) value`: strings pass, anything else is a ClassCastException. */
export function castString(value: unknown): string {
  if (typeof value === "string") return value;
  throw classCastError(value, "java.lang.String");
}

/** `(String) value` where null stays null (an absent argument is null too). */
export function castOptionalString(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return castString(value);
}

/** `value.toString()` as Java calls it on a non-null object. */
export function toJavaString(value: unknown, variable = "input"): string {
  if (value === null || value === undefined) {
    throw nullPointerError(`Cannot invoke "Object.toString()" because "${variable}" is null`);
  }
  return javaString(value);
}

/** Java's `(int)` narrowing of a double: truncation, saturation, NaN → 0. */
export function doubleToInt(value: number): number {
  if (Number.isNaN(value)) return 0;
  if (value >= 2147483647) return 2147483647;
  if (value <= -2147483648) return -2147483648;
  return Math.trunc(value) | 0;
}

/** Java's `Number.intValue()` of any numeric value. */
export function intValue(value: number | bigint | JDouble | JFloat): number {
  if (typeof value === "bigint") return Number(BigInt.asIntN(32, value));
  if (value instanceof JDouble || value instanceof JFloat) return doubleToInt(value.value);
  if (numberKind(value) === "Long") return Number(BigInt.asIntN(32, BigInt(value)));
  return doubleToInt(value);
}

/**
 * An integer argument read as `((Number) args.get(name)).intValue()`: a missing argument is a
 * NullPointerException, a non-number a ClassCastException.
 */
export function intArgument(value: unknown, name: string): number {
  if (value === undefined || value === null) {
    throw nullPointerError(`Cannot invoke "java.lang.Number.intValue()" because the argument '${name}' is null`);
  }
  if (isNumber(value)) return intValue(value);
  if (isBigNumber(value)) return Number(BigInt.asIntN(32, value.toBigInt()));
  throw classCastError(value, "java.lang.Number");
}

/** The arbitrary-precision numbers `number('BIGDECIMAL')` and friends produce. */
export interface BigNumberLike {
  toBigInt(): bigint;
  toNumber(): number;
}

export function isBigNumber(value: unknown): value is BigNumberLike {
  return (
    value !== null &&
    typeof value === "object" &&
    typeof (value as Partial<BigNumberLike>).toBigInt === "function" &&
    typeof (value as Partial<BigNumberLike>).toNumber === "function"
  );
}

/** Java's `Character.isWhitespace` for one UTF-16 unit. */
export function isJavaWhitespace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code >= 0x1c && code <= 0x1f);
  if (code < 0x1680) return false;
  return (
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x2006) ||
    (code >= 0x2008 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** Java's `String.trim()`: strips every char <= U+0020 (controls included), nothing else. */
export function javaTrim(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && value.charCodeAt(start) <= 0x20) start++;
  while (end > start && value.charCodeAt(end - 1) <= 0x20) end--;
  return value.slice(start, end);
}

/** Java's `Character.toTitleCase` for one UTF-16 unit (simple mapping: never expands). */
export function toTitleCaseChar(char: string): string {
  const code = char.charCodeAt(0);
  if (code >= 0x01c4 && code <= 0x01cc) return String.fromCharCode(0x01c5 + 3 * Math.floor((code - 0x01c4) / 3));
  if (code >= 0x01f1 && code <= 0x01f3) return "\u01f2";
  if ((code >= 0x10d0 && code <= 0x10fa) || (code >= 0x10fd && code <= 0x10ff)) return char;
  if (code >= 0x1f80 && code <= 0x1faf) return String.fromCharCode((code & 0xf) < 8 ? code + 8 : code);
  if (code === 0x1fb3 || code === 0x1fc3 || code === 0x1ff3) return String.fromCharCode(code + 9);
  const upper = char.toUpperCase();
  return upper.length === 1 ? upper : char;
}

/** The languages whose case mapping Java (and ICU) tailors. */
function tailoredLanguage(locale: string): string | undefined {
  const language = locale.split(/[-_]/)[0]?.toLowerCase() ?? "";
  return language === "tr" || language === "az" || language === "lt" ? language : undefined;
}

/** Java's `String.toUpperCase(Locale)`: full Unicode mapping (ß → SS), tailored for tr/az/lt. */
export function javaUpperCase(value: string, locale: string): string {
  const language = tailoredLanguage(locale);
  return language ? value.toLocaleUpperCase(language) : value.toUpperCase();
}

/** Java's `String.toLowerCase(Locale)`. */
export function javaLowerCase(value: string, locale: string): string {
  const language = tailoredLanguage(locale);
  return language ? value.toLocaleLowerCase(language) : value.toLowerCase();
}
