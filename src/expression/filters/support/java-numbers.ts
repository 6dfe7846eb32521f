/**
 * Java number parsing for the `number` filter: Integer.decode / Long.decode, Float.valueOf /
 * Double.valueOf, BigDecimal / BigInteger, and Apache Commons Lang `NumberUtils.createNumber`
 * (which picks Integer, Long, BigInteger, Float, Double or BigDecimal from the text).
 *
 * BigDecimal and BigInteger have no place in the value model yet, so they are small classes
 * here that print and serialise like Java's (toString, JSON) and report their Java class.
 */
import { JDouble, JFloat, javaDoubleString, javaFloatString } from "../../values.js";
import { isJavaWhitespace, JAVA_CLASS, javaException, javaTrim } from "./java.js";

function numberFormatError(message: string): Error {
  return javaException("java.lang.NumberFormatException", message);
}

function forInputString(text: string, radix = 10): Error {
  return numberFormatError(`For input string: "${text}"${radix === 10 ? "" : ` under radix ${radix}`}`);
}

/** JSON.rawJSON keeps every digit where the runtime has it. */
function rawJson(text: string): unknown {
  const raw = (JSON as unknown as { rawJSON?: (t: string) => unknown }).rawJSON;
  return raw ? raw(text) : Number(text);
}

/** java.math.BigInteger. */
export class JBigInteger {
  constructor(readonly value: bigint) {}
  get [JAVA_CLASS](): string {
    return "java.math.BigInteger";
  }
  toString(): string {
    return this.value.toString();
  }
  toJSON(): unknown {
    return rawJson(this.value.toString());
  }
  toBigInt(): bigint {
    return this.value;
  }
  toNumber(): number {
    return Number(this.value);
  }
}

/** java.math.BigDecimal: an unscaled integer and a scale (value = unscaled × 10^-scale). */
export class JBigDecimal {
  constructor(
    readonly unscaled: bigint,
    readonly scale: number,
  ) {}
  get [JAVA_CLASS](): string {
    return "java.math.BigDecimal";
  }
  /** Java's BigDecimal.toString (scientific notation when the exponent is small or the scale negative). */
  toString(): string {
    const negative = this.unscaled < 0n;
    const digits = (negative ? -this.unscaled : this.unscaled).toString();
    const adjusted = digits.length - 1 - this.scale;
    let text: string;
    if (this.scale >= 0 && adjusted >= -6) {
      if (this.scale === 0) text = digits;
      else if (digits.length > this.scale) {
        text = `${digits.slice(0, digits.length - this.scale)}.${digits.slice(digits.length - this.scale)}`;
      } else text = `0.${"0".repeat(this.scale - digits.length)}${digits}`;
    } else {
      const mantissa = digits.length > 1 ? `${digits.charAt(0)}.${digits.slice(1)}` : digits;
      text = `${mantissa}E${adjusted >= 0 ? "+" : ""}${adjusted}`;
    }
    return negative ? `-${text}` : text;
  }
  toJSON(): unknown {
    return rawJson(this.toString());
  }
  toBigInt(): bigint {
    if (this.scale <= 0) return this.unscaled * 10n ** BigInt(-this.scale);
    return this.unscaled / 10n ** BigInt(this.scale);
  }
  toNumber(): number {
    return Number(this.toString());
  }
}

/** `new BigDecimal(text)`. */
export function parseBigDecimal(text: string): JBigDecimal {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  const whole = match?.[2] ?? "";
  const fraction = match?.[3] ?? "";
  if (!match || whole + fraction === "")
    throw numberFormatError(`Character array is missing "exponent" mark 'e' or 'E'.`);
  const unscaled = BigInt(`${match[1] === "-" ? "-" : ""}${whole}${fraction}`);
  return new JBigDecimal(unscaled, fraction.length - Number(match[4] ?? "0"));
}

/** Digits of `radix` (Java's `Character.digit` restricted to ASCII). */
function parseDigits(digits: string, radix: number, original: string): bigint {
  if (digits === "") throw forInputString(original, radix);
  let value = 0n;
  for (const char of digits.toLowerCase()) {
    const digit = Number.parseInt(char, 36);
    if (Number.isNaN(digit) || digit >= radix) throw forInputString(original, radix);
    value = value * BigInt(radix) + BigInt(digit);
  }
  return value;
}

/** `Integer.decode` / `Long.decode`: sign, then `0x`, `#` (hex) or a leading `0` (octal). */
function decode(text: string, bits: 32 | 64): bigint {
  if (text === "") throw numberFormatError("Zero length string");
  let index = 0;
  const negative = text.charAt(0) === "-";
  if (negative || text.charAt(0) === "+") index++;
  let radix = 10;
  if (text.startsWith("0x", index) || text.startsWith("0X", index)) {
    index += 2;
    radix = 16;
  } else if (text.startsWith("#", index)) {
    index++;
    radix = 16;
  } else if (text.startsWith("0", index) && text.length > index + 1) {
    index++;
    radix = 8;
  }
  if (text.startsWith("-", index) || text.startsWith("+", index)) {
    throw numberFormatError("Sign character in wrong position");
  }
  const digits = text.slice(index);
  const magnitude = parseDigits(digits, radix, negative ? `-${digits}` : digits);
  const value = negative ? -magnitude : magnitude;
  const limit = 1n << BigInt(bits - 1);
  if (value < -limit || value >= limit) throw forInputString(negative ? `-${digits}` : digits, radix);
  return value;
}

/** `Integer.decode(text)` as an Integer (JS number). */
export function createInteger(text: string): number {
  return Number(decode(text, 32));
}

/** `Long.decode(text)` as a Long (bigint). */
export function createLong(text: string): bigint {
  return decode(text, 64);
}

const DECIMAL_FLOAT = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/;
const HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)[fFdD]?$/;

/** `Double.valueOf(text)` / `Double.parseDouble(text)`. */
export function parseJavaDouble(text: string): number {
  const trimmed = javaTrim(text);
  if (trimmed === "") throw numberFormatError(text === "" ? "empty String" : `For input string: "${text}"`);
  if (DECIMAL_FLOAT.test(trimmed)) return Number(trimmed.replace(/[fFdD]$/, ""));
  const hex = HEX_FLOAT.exec(trimmed);
  if (hex && (hex[2] ?? "") + (hex[3] ?? "") !== "") {
    const fraction = hex[3] ?? "";
    const mantissa = Number.parseInt(`${hex[2] ?? ""}${fraction}` || "0", 16);
    const value = mantissa * 2 ** (Number(hex[4]) - 4 * fraction.length);
    return hex[1] === "-" ? -value : value;
  }
  throw forInputString(text);
}

/** A Double value of the model: integral doubles keep their type through JDouble. */
function doubleValue(value: number): number | JDouble {
  return Number.isInteger(value) ? new JDouble(value) : value;
}

export function createDouble(text: string): number | JDouble {
  return doubleValue(parseJavaDouble(text));
}

export function createFloat(text: string): JFloat {
  return new JFloat(parseJavaDouble(text));
}

/** Commons Lang `createBigInteger`: sign, `0x`/`#` hex or leading-zero octal, else decimal. */
export function createBigInteger(text: string): JBigInteger {
  if (text === "") throw numberFormatError("An empty string is not a valid number");
  let index = 0;
  const negative = text.charAt(0) === "-";
  if (negative || text.charAt(0) === "+") index = 1;
  let radix = 10;
  if (text.startsWith("0x", index) || text.startsWith("0X", index)) {
    radix = 16;
    index += 2;
  } else if (text.startsWith("#", index)) {
    radix = 16;
    index++;
  } else if (text.startsWith("0", index) && text.length > index + 1) {
    radix = 8;
    index++;
  }
  if (text.startsWith("-", index) || text.startsWith("+", index)) {
    throw numberFormatError("Sign character in wrong position");
  }
  const magnitude = parseDigits(text.slice(index), radix, text.slice(index));
  return new JBigInteger(negative ? -magnitude : magnitude);
}

export function createBigDecimal(text: string): JBigDecimal {
  if (isBlank(text)) throw numberFormatError("A blank string is not a valid number");
  return parseBigDecimal(text);
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isJavaWhitespace(text.charCodeAt(i))) return false;
  return true;
}

function isAllZeros(text: string | null): boolean {
  return text === null || /^0*$/.test(text);
}

function isDigits(text: string): boolean {
  return /^\p{Nd}+$/u.test(text);
}

function invalid(text: string): Error {
  return numberFormatError(`${text} is not a valid number.`);
}

function mantissaOf(text: string, stop: number): string {
  const signed = text.charAt(0) === "-" || text.charAt(0) === "+";
  if (text.length <= (signed ? 1 : 0) || text.length < stop) throw invalid(text);
  return signed ? text.slice(1, stop) : text.slice(0, stop);
}

function attempt<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch {
    return undefined;
  }
}

type ParsedNumber = number | bigint | JDouble | JFloat | JBigInteger | JBigDecimal;

/** A hexadecimal literal: the smallest of Integer, Long or BigInteger that holds it. */
function createHexNumber(text: string, prefixLength: number): ParsedNumber {
  let start = prefixLength;
  let firstDigit = "";
  for (let i = prefixLength; i < text.length; i++) {
    firstDigit = text.charAt(i);
    if (firstDigit !== "0") break;
    start++;
  }
  const last = text.charAt(text.length - 1);
  const longSuffix = last === "l" || last === "L";
  const hexDigits = text.length - start - (longSuffix ? 1 : 0);
  if (hexDigits > 16 || (hexDigits === 16 && firstDigit > "7")) {
    return createBigInteger(longSuffix ? text.slice(0, -1) : text);
  }
  if (longSuffix) return createLong(text.slice(0, -1));
  if (hexDigits > 8 || (hexDigits === 8 && firstDigit > "7")) return createLong(text);
  return createInteger(text);
}

/** Float, then Double, then BigDecimal for a `f`/`d`-suffixed literal (NumberUtils fall-through). */
function createTypedDecimal(text: string, suffix: string, zero: boolean): ParsedNumber {
  if (suffix === "f" || suffix === "F") {
    const float = attempt(() => createFloat(text));
    if (float && Number.isFinite(float.value) && !(float.value === 0 && !zero)) return float;
  }
  const double = attempt(() => parseJavaDouble(text));
  if (double !== undefined && Number.isFinite(double) && !(double === 0 && !zero)) return doubleValue(double);
  const decimal = attempt(() => createBigDecimal(text.slice(0, -1)));
  if (decimal) return decimal;
  throw invalid(text);
}

/** Commons Lang `NumberUtils.createNumber`. */
export function createNumber(text: string): ParsedNumber {
  if (isBlank(text)) throw numberFormatError("A blank string is not a valid number");
  const offset = text.charAt(0) === "-" || text.charAt(0) === "+" ? 1 : 0;
  const prefix = ["0x", "0X", "#"].find((candidate) => text.startsWith(candidate, offset));
  if (prefix) return createHexNumber(text, prefix.length + offset);

  const last = text.charAt(text.length - 1);
  const decimalAt = text.indexOf(".");
  const exponentAt = text.indexOf("e") + text.indexOf("E") + 1;
  const typed = !/\p{Nd}/u.test(last) && last !== ".";
  let mantissa: string;
  let decimals: string | null = null;
  if (decimalAt > -1) {
    if (exponentAt > -1) {
      if (exponentAt <= decimalAt || exponentAt > text.length) throw invalid(text);
      decimals = text.slice(decimalAt + 1, exponentAt);
    } else decimals = text.slice(decimalAt + 1, typed ? text.length - 1 : text.length);
    mantissa = mantissaOf(text, decimalAt);
  } else if (exponentAt > -1) {
    if (exponentAt > text.length) throw invalid(text);
    mantissa = mantissaOf(text, exponentAt);
  } else mantissa = mantissaOf(text, typed ? text.length - 1 : text.length);

  const zero = isAllZeros(mantissa) && isAllZeros(decimals);
  if (typed) {
    const exponent = exponentAt > -1 && exponentAt < text.length - 1 ? text.slice(exponentAt + 1, -1) : null;
    const numeric = text.slice(0, -1);
    if (last === "l" || last === "L") {
      const integral = numeric.charAt(0) === "-" ? isDigits(numeric.slice(1)) : isDigits(numeric);
      if (decimals === null && exponent === null && integral) {
        return attempt(() => createLong(numeric)) ?? createBigInteger(numeric);
      }
      throw invalid(text);
    }
    if ("fFdD".includes(last)) return createTypedDecimal(text, last, zero);
    throw invalid(text);
  }
  const exponent = exponentAt > -1 && exponentAt < text.length - 1 ? text.slice(exponentAt + 1) : null;
  if (decimals === null && exponent === null) {
    return attempt(() => createInteger(text)) ?? attempt(() => createLong(text)) ?? createBigInteger(text);
  }
  const float = attempt(() => createFloat(text));
  const double = attempt(() => parseJavaDouble(text));
  if (float && double !== undefined) {
    if (
      Number.isFinite(float.value) &&
      !(float.value === 0 && !zero) &&
      javaFloatString(float.value) === javaDoubleString(double)
    ) {
      return float;
    }
    if (Number.isFinite(double) && !(double === 0 && !zero)) {
      const decimal = createBigDecimal(text);
      return decimalEquals(decimal, double) ? doubleValue(double) : decimal;
    }
  }
  return createBigDecimal(text);
}

/** `decimal.compareTo(BigDecimal.valueOf(double)) == 0`. */
function decimalEquals(decimal: JBigDecimal, double: number): boolean {
  const other = parseBigDecimal(javaDoubleString(double));
  const scale = Math.max(decimal.scale, other.scale);
  const left = decimal.unscaled * 10n ** BigInt(scale - decimal.scale);
  const right = other.unscaled * 10n ** BigInt(scale - other.scale);
  return left === right;
}
