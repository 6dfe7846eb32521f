/**
 * java.text.DecimalFormat, as `numberFormat` uses it: Java pattern syntax (prefix/suffix with
 * quotes, `%`, `‰`, `¤`, `#`, `0`, `,`, `.`, `E0`, `;` negative subpattern), HALF_EVEN
 * rounding decided on the double's exact binary value (JDK 8+ behaviour: 1.005 → "1" with
 * "#.##"), the JDK's "-0" for small negatives, and localized symbols.
 */
import { argumentError } from "../../errors.js";
import { isNumber, JDouble, JFloat, toNumber } from "../../values.js";
import { isBigNumber } from "./java.js";

interface Symbols {
  readonly decimal: string;
  readonly grouping: string;
  readonly minus: string;
  readonly percent: string;
  readonly perMill: string;
  readonly exponent: string;
  readonly infinity: string;
  readonly nan: string;
  readonly currency: string;
  readonly currencyCode: string;
}

interface Pattern {
  readonly positivePrefix: string;
  readonly positiveSuffix: string;
  readonly negativePrefix: string;
  readonly negativeSuffix: string;
  readonly minInt: number;
  readonly maxInt: number;
  readonly minFraction: number;
  readonly maxFraction: number;
  readonly groupingSize: number;
  readonly decimalAlwaysShown: boolean;
  readonly exponential: boolean;
  readonly minExponentDigits: number;
  readonly multiplier: number;
}

const symbolCache = new Map<string, Symbols>();

/** DecimalFormatSymbols of a locale, read from Intl (CLDR, as the JDK uses). */
function symbolsFor(locale: string): Symbols {
  const cached = symbolCache.get(locale);
  if (cached) return cached;
  let parts: Intl.NumberFormatPart[] = [];
  try {
    parts = new Intl.NumberFormat(locale, { useGrouping: true }).formatToParts(-1234567.5);
  } catch {
    parts = [];
  }
  const part = (type: string, fallback: string): string => parts.find((p) => p.type === type)?.value ?? fallback;
  const english = /^en(?:[-_]US)?$/i.test(locale);
  const symbols: Symbols = {
    decimal: part("decimal", "."),
    grouping: part("group", ","),
    minus: part("minusSign", "-"),
    percent: "%",
    perMill: "\u2030",
    exponent: "E",
    infinity: "\u221e",
    nan: "NaN",
    currency: english ? "$" : "\u00a4",
    currencyCode: english ? "USD" : "XXX",
  };
  symbolCache.set(locale, symbols);
  return symbols;
}

function malformed(message: string): Error {
  return argumentError(`java.lang.IllegalArgumentException: ${message}`);
}

/** Expands an internal affix pattern (specials are quote-prefixed) into its text. */
function expandAffix(affix: string, symbols: Symbols): string {
  let out = "";
  for (let i = 0; i < affix.length; i++) {
    let char = affix.charAt(i);
    if (char === "'") {
      char = affix.charAt(++i);
      if (char === "\u00a4") {
        if (affix.charAt(i + 1) === "\u00a4") {
          i++;
          out += symbols.currencyCode;
        } else out += symbols.currency;
        continue;
      }
      if (char === "%") {
        out += symbols.percent;
        continue;
      }
      if (char === "\u2030") {
        out += symbols.perMill;
        continue;
      }
      if (char === "-") {
        out += symbols.minus;
        continue;
      }
    }
    out += char;
  }
  return out;
}

interface SubPattern {
  prefix: string;
  suffix: string;
  decimalPos: number;
  multiplier: number;
  digitLeft: number;
  zeroDigits: number;
  digitRight: number;
  groupingCount: number;
  exponential: boolean;
  minExponentDigits: number;
  inQuote: boolean;
  next: number;
}

/** Parses one subpattern starting at `start` (the JDK's applyPattern loop body). */
function parseSubPattern(pattern: string, start: number, negative: boolean): SubPattern {
  const sub: SubPattern = {
    prefix: "",
    suffix: "",
    decimalPos: -1,
    multiplier: 1,
    digitLeft: 0,
    zeroDigits: 0,
    digitRight: 0,
    groupingCount: -1,
    exponential: false,
    minExponentDigits: 0,
    inQuote: false,
    next: pattern.length,
  };
  let phase = 0;
  let inSuffix = false;
  const append = (text: string): void => {
    if (inSuffix) sub.suffix += text;
    else sub.prefix += text;
  };
  for (let pos = start; pos < pattern.length; pos++) {
    const char = pattern.charAt(pos);
    if (phase !== 1) {
      if (sub.inQuote) {
        if (char === "'") {
          if (pattern.charAt(pos + 1) === "'") {
            pos++;
            append("''");
          } else sub.inQuote = false;
          continue;
        }
      } else if ("#0,.".includes(char)) {
        phase = 1;
        pos--;
        continue;
      } else if (char === "\u00a4") {
        const doubled = pattern.charAt(pos + 1) === "\u00a4";
        if (doubled) pos++;
        append(doubled ? "'\u00a4\u00a4" : "'\u00a4");
        continue;
      } else if (char === "'") {
        if (pattern.charAt(pos + 1) === "'") {
          pos++;
          append("''");
        } else sub.inQuote = true;
        continue;
      } else if (char === ";") {
        if (phase === 0 || negative) throw malformed(`Unquoted special character '${char}' in pattern "${pattern}"`);
        sub.next = pos + 1;
        break;
      } else if (char === "%" || char === "\u2030") {
        if (sub.multiplier !== 1) throw malformed(`Too many percent/per mille characters in pattern "${pattern}"`);
        sub.multiplier = char === "%" ? 100 : 1000;
        append(`'${char}`);
        continue;
      } else if (char === "-") {
        append("'-");
        continue;
      }
      append(char);
      continue;
    }
    if (negative) {
      // the negative subpattern only contributes its prefix and suffix
      while (pos < pattern.length && ("#0,.".includes(pattern.charAt(pos)) || pattern.charAt(pos) === "E")) pos++;
      pos--;
      phase = 2;
      inSuffix = true;
      continue;
    }
    if (char === "#") {
      if (sub.zeroDigits > 0) sub.digitRight++;
      else sub.digitLeft++;
      if (sub.groupingCount >= 0 && sub.decimalPos < 0) sub.groupingCount++;
    } else if (char === "0") {
      if (sub.digitRight > 0) throw malformed(`Unexpected '0' in pattern "${pattern}"`);
      sub.zeroDigits++;
      if (sub.groupingCount >= 0 && sub.decimalPos < 0) sub.groupingCount++;
    } else if (char === ",") {
      sub.groupingCount = 0;
    } else if (char === ".") {
      if (sub.decimalPos >= 0) throw malformed(`Multiple decimal separators in pattern "${pattern}"`);
      sub.decimalPos = sub.digitLeft + sub.zeroDigits + sub.digitRight;
    } else if (char === "E") {
      if (sub.exponential) throw malformed(`Multiple exponential symbols in pattern "${pattern}"`);
      sub.exponential = true;
      pos++;
      while (pattern.charAt(pos) === "0") {
        sub.minExponentDigits++;
        pos++;
      }
      if (sub.digitLeft + sub.zeroDigits < 1 || sub.minExponentDigits < 1) {
        throw malformed(`Malformed exponential pattern "${pattern}"`);
      }
      phase = 2;
      inSuffix = true;
      pos--;
    } else {
      phase = 2;
      inSuffix = true;
      pos--;
    }
  }
  return sub;
}

const patternCache = new Map<string, Pattern>();

/** `new DecimalFormat(pattern, symbols)` → the settings `format` uses. */
function compile(pattern: string, symbols: Symbols): Pattern {
  const key = `${pattern}\u0000${symbols.minus}\u0000${symbols.currency}`;
  const cached = patternCache.get(key);
  if (cached) return cached;
  const positive = parseSubPattern(pattern, 0, false);
  if (positive.zeroDigits === 0 && positive.digitLeft > 0 && positive.decimalPos >= 0) {
    const n = positive.decimalPos === 0 ? 1 : positive.decimalPos;
    positive.digitRight = positive.digitLeft - n;
    positive.digitLeft = n - 1;
    positive.zeroDigits = 1;
  }
  const { decimalPos, digitLeft, zeroDigits, digitRight, groupingCount } = positive;
  if (
    (decimalPos < 0 && digitRight > 0) ||
    (decimalPos >= 0 && (decimalPos < digitLeft || decimalPos > digitLeft + zeroDigits)) ||
    groupingCount === 0 ||
    positive.inQuote
  ) {
    throw malformed(`Malformed pattern "${pattern}"`);
  }
  const negative = positive.next < pattern.length ? parseSubPattern(pattern, positive.next, true) : undefined;
  if (negative?.inQuote) throw malformed(`Malformed pattern "${pattern}"`);
  const total = digitLeft + zeroDigits + digitRight;
  const effectiveDecimal = decimalPos >= 0 ? decimalPos : total;
  const minInt = pattern === "" ? 0 : effectiveDecimal - digitLeft;
  const sameAsPositive = negative && negative.prefix === positive.prefix && negative.suffix === positive.suffix;
  const negativePrefix = negative && !sameAsPositive ? negative.prefix : `'-${positive.prefix}`;
  const negativeSuffix = negative && !sameAsPositive ? negative.suffix : positive.suffix;
  const compiled: Pattern = {
    positivePrefix: expandAffix(positive.prefix, symbols),
    positiveSuffix: expandAffix(positive.suffix, symbols),
    negativePrefix: expandAffix(negativePrefix, symbols),
    negativeSuffix: expandAffix(negativeSuffix, symbols),
    minInt,
    maxInt: positive.exponential ? digitLeft + minInt : 309,
    minFraction: pattern === "" ? 0 : decimalPos >= 0 ? digitLeft + zeroDigits - decimalPos : 0,
    maxFraction: pattern === "" ? 340 : decimalPos >= 0 ? total - decimalPos : 0,
    groupingSize: groupingCount > 0 ? groupingCount : 0,
    decimalAlwaysShown: decimalPos === 0 || decimalPos === total,
    exponential: positive.exponential,
    minExponentDigits: positive.minExponentDigits,
    multiplier: positive.multiplier,
  };
  if (patternCache.size > 200) patternCache.clear();
  patternCache.set(key, compiled);
  return compiled;
}

/** The JDK's DigitList: significant digits (no leading/trailing zeros) and the decimal point position. */
interface Digits {
  digits: number[];
  decimalAt: number;
}

/** Compares `digits × 10^(decimalAt - n)` exactly against a finite positive double (-1, 0, 1). */
function compareWithDouble(list: Digits, value: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const exponentBits = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  const mantissa = exponentBits === 0 ? fraction : fraction | (1n << 52n);
  const exponent = exponentBits === 0 ? -1074 : exponentBits - 1075;
  const power10 = list.decimalAt - list.digits.length;
  // decimal × 10^power10 against mantissa × 2^exponent, both brought to integers
  let left = BigInt(list.digits.join("") || "0");
  let right = mantissa;
  if (power10 >= 0) left *= 10n ** BigInt(power10);
  else right *= 10n ** BigInt(-power10);
  if (exponent >= 0) right *= 2n ** BigInt(exponent);
  else left *= 2n ** BigInt(-exponent);
  return left === right ? 0 : left > right ? 1 : -1;
}

/** Shortest round-trip digits of a positive finite double (what FloatingDecimal yields). */
function doubleDigits(value: number): Digits {
  if (value === 0) return { digits: [], decimalAt: 0 };
  const [mantissa = "0", exponent = "0"] = value.toExponential().split("e");
  const digits = mantissa.replace(".", "").split("").map(Number);
  while (digits.length > 1 && digits[digits.length - 1] === 0) digits.pop();
  return { digits, decimalAt: Number(exponent) + 1 };
}

/** DigitList.shouldRoundUp for HALF_EVEN. */
function shouldRoundUp(list: Digits, maximum: number, roundedUp: boolean, exact: boolean): boolean {
  if (maximum >= list.digits.length) return false;
  const digit = list.digits[maximum] ?? 0;
  if (digit > 5) return true;
  if (digit < 5) return false;
  if (maximum === list.digits.length - 1) {
    if (roundedUp) return false;
    if (!exact) return true;
    return maximum > 0 && (list.digits[maximum - 1] ?? 0) % 2 !== 0;
  }
  return list.digits.slice(maximum + 1).some((d) => d !== 0);
}

/** DigitList.round: keeps `maximum` significant digits. */
function round(list: Digits, maximum: number, roundedUp: boolean, exact: boolean): void {
  if (maximum < 0 || maximum >= list.digits.length) return;
  if (shouldRoundUp(list, maximum, roundedUp, exact)) {
    let index = maximum - 1;
    for (;;) {
      if (index < 0) {
        list.digits = [1];
        list.decimalAt++;
        break;
      }
      const next = (list.digits[index] ?? 0) + 1;
      list.digits[index] = next;
      if (next <= 9) {
        list.digits.length = index + 1;
        break;
      }
      index--;
    }
  } else list.digits.length = maximum;
  while (list.digits.length > 0 && list.digits[list.digits.length - 1] === 0) list.digits.pop();
}

/** DigitList.set(double, maximumDigits, fixedPoint). */
function setDouble(value: number, maximum: number, fixedPoint: boolean): Digits {
  const list = doubleDigits(value);
  const comparison = list.digits.length === 0 ? 0 : compareWithDouble(list, value);
  const exact = comparison === 0;
  const roundedUp = comparison > 0;
  if (fixedPoint) {
    if (-list.decimalAt > maximum) return { digits: [], decimalAt: list.decimalAt };
    if (-list.decimalAt === maximum) {
      if (shouldRoundUp(list, 0, roundedUp, exact)) return { digits: [1], decimalAt: list.decimalAt + 1 };
      return { digits: [], decimalAt: list.decimalAt };
    }
  }
  round(list, fixedPoint ? maximum + list.decimalAt : maximum, roundedUp, exact);
  return list;
}

/** DigitList.set(long, maximumDigits): exact digits, rounded HALF_EVEN when a maximum is given. */
function setInteger(value: bigint, maximum: number): Digits {
  if (value <= 0n) return { digits: [], decimalAt: 0 };
  const text = value.toString();
  const list: Digits = { digits: text.replace(/0+$/, "").split("").map(Number), decimalAt: text.length };
  if (maximum > 0) round(list, maximum, false, true);
  return list;
}

function digitChar(list: Digits, index: number): string {
  return String(list.digits[index] ?? 0);
}

/** DecimalFormat.subformat: lays the digits out according to the pattern. */
function subformat(list: Digits, pattern: Pattern, symbols: Symbols, negative: boolean, integer: boolean): string {
  let out = negative ? pattern.negativePrefix : pattern.positivePrefix;
  const count = list.digits.length;
  if (pattern.exponential) {
    let exponent = list.decimalAt;
    const repeat = pattern.maxInt;
    let minimumIntegerDigits = pattern.minInt;
    if (repeat > 1 && repeat > pattern.minInt) {
      exponent =
        exponent >= 1
          ? Math.trunc((exponent - 1) / repeat) * repeat
          : Math.trunc((exponent - repeat) / repeat) * repeat;
      minimumIntegerDigits = 1;
    } else {
      exponent -= minimumIntegerDigits;
    }
    let minimumDigits = pattern.minInt + pattern.minFraction;
    const integerDigits = count === 0 ? minimumIntegerDigits : list.decimalAt - exponent;
    if (minimumDigits < integerDigits) minimumDigits = integerDigits;
    const totalDigits = Math.max(count, minimumDigits);
    for (let i = 0; i < totalDigits; i++) {
      if (i === integerDigits) out += symbols.decimal;
      out += i < count ? digitChar(list, i) : "0";
    }
    if (pattern.decimalAlwaysShown && totalDigits === integerDigits) out += symbols.decimal;
    out += symbols.exponent;
    if (count === 0) exponent = 0;
    if (exponent < 0) out += symbols.minus;
    out += String(Math.abs(exponent)).padStart(pattern.minExponentDigits, "0");
  } else {
    let intCount = Math.max(pattern.minInt, list.decimalAt > 0 ? list.decimalAt : 0);
    let index = 0;
    if (intCount > pattern.maxInt) {
      intCount = pattern.maxInt;
      index = list.decimalAt - intCount;
    }
    const before = out.length;
    for (let i = intCount - 1; i >= 0; i--) {
      out += i < list.decimalAt && index < count ? digitChar(list, index++) : "0";
      if (pattern.groupingSize > 0 && i > 0 && i % pattern.groupingSize === 0) out += symbols.grouping;
    }
    const fractionPresent = pattern.minFraction > 0 || (!integer && index < count);
    if (!fractionPresent && out.length === before) out += "0";
    if (pattern.decimalAlwaysShown || fractionPresent) out += symbols.decimal;
    for (let i = 0; i < pattern.maxFraction; i++) {
      if (i >= pattern.minFraction && (integer || index >= count)) break;
      if (-1 - i > list.decimalAt - 1) {
        out += "0";
        continue;
      }
      out += !integer && index < count ? digitChar(list, index++) : "0";
    }
  }
  return out + (negative ? pattern.negativeSuffix : pattern.positiveSuffix);
}

function formatDouble(value: number, pattern: Pattern, symbols: Symbols): string {
  if (Number.isNaN(value)) return symbols.nan;
  const negative = (value < 0 || Object.is(value, -0)) !== pattern.multiplier < 0;
  const scaled = Math.abs(value * pattern.multiplier);
  if (!Number.isFinite(scaled)) {
    return `${negative ? pattern.negativePrefix : pattern.positivePrefix}${symbols.infinity}${negative ? pattern.negativeSuffix : pattern.positiveSuffix}`;
  }
  const list = pattern.exponential
    ? setDouble(scaled, pattern.maxInt + pattern.maxFraction, false)
    : setDouble(scaled, pattern.maxFraction, true);
  return subformat(list, pattern, symbols, negative, false);
}

function formatInteger(value: bigint, pattern: Pattern, symbols: Symbols): string {
  const scaled = value * BigInt(pattern.multiplier);
  const negative = scaled < 0n;
  const list = setInteger(negative ? -scaled : scaled, pattern.exponential ? pattern.maxInt + pattern.maxFraction : 0);
  return subformat(list, pattern, symbols, negative, true);
}

/** Formats a number like `new DecimalFormat(format, symbols(locale)).format(number)`. */
export function decimalFormat(value: unknown, format: string, locale: string): string {
  const symbols = symbolsFor(locale);
  const pattern = compile(format, symbols);
  if (typeof value === "bigint") return formatInteger(value, pattern, symbols);
  if (isBigNumber(value)) return formatDouble(value.toNumber(), pattern, symbols);
  if (isNumber(value)) {
    if (value instanceof JDouble || value instanceof JFloat) return formatDouble(value.value, pattern, symbols);
    if (Number.isInteger(value)) return formatInteger(BigInt(value), pattern, symbols);
    return formatDouble(toNumber(value), pattern, symbols);
  }
  throw argumentError("The input for the 'NumberFormat' filter has to be a number.");
}

/** `NumberFormat.getInstance(locale)`: the locale's general pattern (`#,##0.###` in CLDR for most locales). */
export function defaultNumberFormat(value: unknown, locale: string): string {
  return decimalFormat(value, "#,##0.###", locale);
}
