/**
 * Java DateTimeFormatter patterns compiled to printer-parser elements, following
 * DateTimeFormatterBuilder.appendPattern (letters, counts, quoting, optional sections, padding,
 * adjacent value parsing) and the predefined ISO/RFC formatters Kestra names.
 */
import type { TextField, TextStyle } from "./locale-text.js";
import { dateTimeError } from "./zones.js";

export type SignStyle = "NORMAL" | "ALWAYS" | "NEVER" | "NOT_NEGATIVE" | "EXCEEDS_PAD";

/** Numeric fields, named as Java's toString of the field (used in messages). */
export type NumericField =
  | "Era"
  | "YearOfEra"
  | "Year"
  | "QuarterOfYear"
  | "MonthOfYear"
  | "DayOfYear"
  | "DayOfMonth"
  | "AlignedWeekOfMonth"
  | "DayOfWeek"
  | "AmPmOfDay"
  | "HourOfDay"
  | "ClockHourOfDay"
  | "HourOfAmPm"
  | "ClockHourOfAmPm"
  | "MinuteOfHour"
  | "SecondOfMinute"
  | "NanoOfSecond"
  | "MilliOfDay"
  | "NanoOfDay"
  | "ModifiedJulianDay"
  | "WeekBasedYear"
  | "WeekOfWeekBasedYear"
  | "LocalizedDayOfWeek"
  | "LocalizedWeekOfMonth"
  | "LocalizedWeekOfWeekBasedYear"
  | "LocalizedWeekBasedYear";

export interface ValueElement {
  readonly kind: "value";
  readonly field: NumericField;
  readonly min: number;
  readonly max: number;
  readonly sign: SignStyle;
  /** Width reserved for the following adjacent fixed-width values; -1 when this one is fixed. */
  subsequentWidth: number;
}

export interface ReducedElement {
  readonly kind: "reduced";
  readonly field: NumericField;
  readonly min: number;
  readonly max: number;
  readonly base: number;
  subsequentWidth: number;
}

export interface FractionElement {
  readonly kind: "fraction";
  readonly min: number;
  readonly max: number;
  readonly decimalPoint: boolean;
  subsequentWidth: number;
}

/** A localized week field (`Y`, `w`, `W`, `e`, `c`): its printer depends on the locale's week rules. */
export interface WeekElement {
  readonly kind: "week";
  readonly letter: "Y" | "w" | "W" | "e" | "c";
  readonly count: number;
  readonly min: number;
  readonly max: number;
  subsequentWidth: number;
}

export interface TextElement {
  readonly kind: "text";
  readonly field: TextField;
  readonly style: TextStyle;
  /** Fixed English texts (RFC 1123) by value, instead of the locale's. */
  readonly fixed?: Readonly<Record<number, string>>;
}

export interface LiteralElement {
  readonly kind: "literal";
  readonly text: string;
}

export interface OffsetElement {
  readonly kind: "offset";
  /** Index in OFFSET_PATTERNS. */
  readonly type: number;
  readonly noOffsetText: string;
}

export interface LocalizedOffsetElement {
  readonly kind: "localized-offset";
  readonly full: boolean;
}

export interface ZoneIdElement {
  readonly kind: "zone-id";
  /** ISO formatters print only region ids (a ZoneOffset prints nothing, failing the optional section). */
  readonly regionOnly: boolean;
}

export interface ZoneTextElement {
  readonly kind: "zone-text";
  readonly style: "short" | "long" | "shortGeneric" | "longGeneric";
}

export interface DayPeriodElement {
  readonly kind: "day-period";
  readonly width: TextStyle["width"];
}

export interface InstantElement {
  readonly kind: "instant";
}

export interface OptionalElement {
  readonly kind: "optional";
  readonly elements: readonly Element[];
}

export interface PadElement {
  readonly kind: "pad";
  readonly element: Element;
  readonly width: number;
  readonly char: string;
}

export interface SettingElement {
  readonly kind: "setting";
  readonly setting: "insensitive" | "sensitive" | "lenient" | "strict";
}

export type Element =
  | ValueElement
  | ReducedElement
  | FractionElement
  | WeekElement
  | TextElement
  | LiteralElement
  | OffsetElement
  | LocalizedOffsetElement
  | ZoneIdElement
  | ZoneTextElement
  | DayPeriodElement
  | InstantElement
  | OptionalElement
  | PadElement
  | SettingElement;

export type ValueLike = ValueElement | ReducedElement | FractionElement | WeekElement;

export type ResolverStyle = "STRICT" | "SMART";

export interface CompiledFormat {
  readonly elements: readonly Element[];
  readonly resolver: ResolverStyle;
}

export const OFFSET_PATTERNS = [
  "+HH",
  "+HHmm",
  "+HH:mm",
  "+HHMM",
  "+HH:MM",
  "+HHMMss",
  "+HH:MM:ss",
  "+HHMMSS",
  "+HH:MM:SS",
  "+HHmmss",
  "+HH:mm:ss",
] as const;

const FIELD_LETTERS: Readonly<Record<string, NumericField>> = {
  G: "Era",
  y: "YearOfEra",
  u: "Year",
  Q: "QuarterOfYear",
  q: "QuarterOfYear",
  M: "MonthOfYear",
  L: "MonthOfYear",
  D: "DayOfYear",
  d: "DayOfMonth",
  F: "AlignedWeekOfMonth",
  E: "DayOfWeek",
  c: "DayOfWeek",
  e: "DayOfWeek",
  a: "AmPmOfDay",
  H: "HourOfDay",
  k: "ClockHourOfDay",
  K: "HourOfAmPm",
  h: "ClockHourOfAmPm",
  m: "MinuteOfHour",
  s: "SecondOfMinute",
  S: "NanoOfSecond",
  A: "MilliOfDay",
  n: "NanoOfSecond",
  N: "NanoOfDay",
  g: "ModifiedJulianDay",
};

/** DateTimeFormatterBuilder's state while compiling: nested optional sections and adjacent values. */
class Builder {
  private readonly stack: { elements: Element[]; valueIndex: number }[] = [{ elements: [], valueIndex: -1 }];
  private padWidth = 0;

  private get active(): { elements: Element[]; valueIndex: number } {
    const top = this.stack[this.stack.length - 1];
    if (!top) throw new Error("builder stack is empty");
    return top;
  }

  get depth(): number {
    return this.stack.length;
  }

  padNext(width: number): void {
    this.padWidth = width;
    this.active.valueIndex = -1;
  }

  /** appendInternal: adds an element, wrapping it in pending padding; returns its index. */
  append(element: Element): number {
    const active = this.active;
    let added = element;
    if (this.padWidth > 0) {
      added = { kind: "pad", element, width: this.padWidth, char: " " };
      this.padWidth = 0;
    }
    active.elements.push(added);
    active.valueIndex = -1;
    return active.elements.length - 1;
  }

  /** appendValue(NumberPrinterParser): adjacent value parsing bookkeeping. */
  appendValue(element: ValueLike): void {
    const active = this.active;
    const base = active.valueIndex >= 0 ? active.elements[active.valueIndex] : undefined;
    if (base && isValueLike(base)) {
      const baseIndex = active.valueIndex;
      const fixed = element.min === element.max && signOf(element) === "NOT_NEGATIVE";
      if (fixed) {
        base.subsequentWidth = Math.max(base.subsequentWidth, 0) + element.max;
        element.subsequentWidth = -1;
        this.append(element);
        active.valueIndex = baseIndex;
      } else {
        base.subsequentWidth = -1;
        active.valueIndex = this.append(element);
      }
    } else {
      active.valueIndex = this.append(element);
    }
  }

  optionalStart(): void {
    this.active.valueIndex = -1;
    this.stack.push({ elements: [], valueIndex: -1 });
  }

  optionalEnd(): void {
    const section = this.stack.pop();
    if (!section || this.stack.length === 0) {
      throw dateTimeError("Cannot call optionalEnd() as there was no previous call to optionalStart()");
    }
    if (section.elements.length > 0) this.append({ kind: "optional", elements: section.elements });
  }

  build(): Element[] {
    while (this.stack.length > 1) this.optionalEnd();
    return this.active.elements;
  }
}

function isValueLike(element: Element): element is ValueLike {
  return (
    element.kind === "value" || element.kind === "reduced" || element.kind === "fraction" || element.kind === "week"
  );
}

function signOf(element: ValueLike): SignStyle {
  return element.kind === "value" ? element.sign : "NOT_NEGATIVE";
}

function value(field: NumericField, min = 1, max = 19, sign: SignStyle = "NORMAL"): ValueElement {
  if (min < 1 || min > 19) throw dateTimeError(`The minimum width must be from 1 to 19 inclusive but was ${min}`);
  if (max < 1 || max > 19) throw dateTimeError(`The maximum width must be from 1 to 19 inclusive but was ${max}`);
  if (max < min) {
    throw dateTimeError(`The maximum width must exceed or equal the minimum width but ${max} < ${min}`);
  }
  return { kind: "value", field, min, max, sign, subsequentWidth: 0 };
}

function fixedValue(field: NumericField, width: number): ValueElement {
  if (width < 1 || width > 19) throw dateTimeError(`The width must be from 1 to 19 inclusive but was ${width}`);
  return value(field, width, width, "NOT_NEGATIVE");
}

function text(field: TextField, width: TextStyle["width"], standalone = false): TextElement {
  return { kind: "text", field, style: { width, standalone } };
}

function appendFraction(builder: Builder, min: number, max: number, decimalPoint: boolean): void {
  if (min < 0 || min > 9) throw dateTimeError(`Minimum width must be from 0 to 9 inclusive but was ${min}`);
  if (max < 1 || max > 9) throw dateTimeError(`Maximum width must be from 1 to 9 inclusive but was ${max}`);
  if (max < min) {
    throw dateTimeError(`Maximum width must exceed or equal the minimum width but ${max} < ${min}`);
  }
  const element: FractionElement = { kind: "fraction", min, max, decimalPoint, subsequentWidth: 0 };
  if (min === max && !decimalPoint) builder.appendValue(element);
  else builder.append(element);
}

function tooMany(letter: string): never {
  throw dateTimeError(`Too many pattern letters: ${letter}`);
}

function textWidth(count: number, letter: string): TextStyle["width"] {
  if (count === 4) return "full";
  if (count === 5) return "narrow";
  if (count <= 3) return "short";
  return tooMany(letter);
}

function parseField(builder: Builder, letter: string, count: number, field: NumericField): void {
  switch (letter) {
    case "u":
    case "y":
      if (count === 2) builder.appendValue({ kind: "reduced", field, min: 2, max: 2, base: 2000, subsequentWidth: 0 });
      else builder.appendValue(value(field, count, 19, count < 4 ? "NORMAL" : "EXCEEDS_PAD"));
      return;
    case "c":
      if (count === 1) {
        builder.appendValue({ kind: "week", letter: "c", count, min: 1, max: 1, subsequentWidth: 0 });
        return;
      }
      if (count === 2) throw dateTimeError('Invalid pattern "cc"');
      builder.append(text("DayOfWeek", textWidth(count, letter), true));
      return;
    case "L":
    case "q":
    case "M":
    case "Q":
    case "E":
    case "e": {
      const standalone = letter === "L" || letter === "q";
      if (count > 5) tooMany(letter);
      if (count <= 2) {
        if (letter === "e")
          builder.appendValue({ kind: "week", letter: "e", count, min: count, max: count, subsequentWidth: 0 });
        else if (letter === "E") builder.append(text("DayOfWeek", "short"));
        else builder.appendValue(count === 1 ? value(field) : fixedValue(field, 2));
        return;
      }
      const textField: TextField =
        field === "QuarterOfYear" ? "QuarterOfYear" : field === "MonthOfYear" ? "MonthOfYear" : "DayOfWeek";
      builder.append(text(textField, textWidth(count, letter), standalone));
      return;
    }
    case "a":
      if (count !== 1) tooMany(letter);
      builder.append(text("AmPmOfDay", "short"));
      return;
    case "G":
      builder.append(text("Era", textWidth(count, letter)));
      return;
    case "S":
      appendFraction(builder, count, count, false);
      return;
    case "F":
      if (count !== 1) tooMany(letter);
      builder.appendValue(value(field));
      return;
    case "d":
    case "h":
    case "H":
    case "k":
    case "K":
    case "m":
    case "s":
      if (count > 2) tooMany(letter);
      builder.appendValue(count === 1 ? value(field) : fixedValue(field, 2));
      return;
    case "D":
      if (count === 1) builder.appendValue(value(field));
      else if (count <= 3) builder.appendValue(value(field, count, 3, "NOT_NEGATIVE"));
      else tooMany(letter);
      return;
    case "g":
      builder.appendValue(value(field, count, 19, "NORMAL"));
      return;
    default:
      // A, n, N
      builder.appendValue(value(field, count, 19, "NOT_NEGATIVE"));
  }
}

function isLetter(ch: string): boolean {
  return (ch >= "A" && ch <= "Z") || (ch >= "a" && ch <= "z");
}

function appendOffset(builder: Builder, type: number, noOffsetText: string): void {
  builder.append({ kind: "offset", type, noOffsetText });
}

function appendLetters(builder: Builder, letter: string, count: number): void {
  const field = FIELD_LETTERS[letter];
  if (field) {
    parseField(builder, letter, count, field);
    return;
  }
  switch (letter) {
    case "z":
      if (count > 4) tooMany(letter);
      builder.append({ kind: "zone-text", style: count === 4 ? "long" : "short" });
      return;
    case "V":
      if (count !== 2) throw dateTimeError(`Pattern letter count must be 2: ${letter}`);
      builder.append({ kind: "zone-id", regionOnly: false });
      return;
    case "v":
      if (count !== 1 && count !== 4) throw dateTimeError(`Wrong number of pattern letters: ${letter}`);
      builder.append({ kind: "zone-text", style: count === 4 ? "longGeneric" : "shortGeneric" });
      return;
    case "Z":
      if (count < 4) appendOffset(builder, 3, "+0000");
      else if (count === 4) builder.append({ kind: "localized-offset", full: true });
      else if (count === 5) appendOffset(builder, 6, "Z");
      else tooMany(letter);
      return;
    case "O":
      if (count !== 1 && count !== 4) throw dateTimeError(`Pattern letter count must be 1 or 4: ${letter}`);
      builder.append({ kind: "localized-offset", full: count === 4 });
      return;
    case "X":
      if (count > 5) tooMany(letter);
      appendOffset(builder, count + (count === 1 ? 0 : 1), "Z");
      return;
    case "x":
      if (count > 5) tooMany(letter);
      appendOffset(builder, count + (count === 1 ? 0 : 1), count === 1 ? "+00" : count % 2 === 0 ? "+0000" : "+00:00");
      return;
    case "W":
      if (count > 1) tooMany(letter);
      builder.appendValue({ kind: "week", letter: "W", count, min: count, max: count, subsequentWidth: 0 });
      return;
    case "w":
      if (count > 2) tooMany(letter);
      builder.appendValue({ kind: "week", letter: "w", count, min: count, max: 2, subsequentWidth: 0 });
      return;
    case "Y":
      builder.appendValue({
        kind: "week",
        letter: "Y",
        count,
        min: count,
        max: count === 2 ? 2 : 19,
        subsequentWidth: 0,
      });
      return;
    case "B":
      if (count === 1) builder.append({ kind: "day-period", width: "short" });
      else if (count === 4) builder.append({ kind: "day-period", width: "full" });
      else if (count === 5) builder.append({ kind: "day-period", width: "narrow" });
      else throw dateTimeError(`Wrong number of pattern letters: ${letter}`);
      return;
    default:
      throw dateTimeError(`Unknown pattern letter: ${letter}`);
  }
}

/** DateTimeFormatter.ofPattern(pattern): the elements, or Java's IllegalArgumentException message. */
export function compilePattern(pattern: string): CompiledFormat {
  const builder = new Builder();
  let pos = 0;
  while (pos < pattern.length) {
    let cur = pattern.charAt(pos);
    if (isLetter(cur)) {
      let start = pos++;
      while (pos < pattern.length && pattern.charAt(pos) === cur) pos++;
      let count = pos - start;
      if (cur === "p") {
        let pad = 0;
        if (pos < pattern.length && isLetter(pattern.charAt(pos))) {
          cur = pattern.charAt(pos);
          pad = count;
          start = pos++;
          while (pos < pattern.length && pattern.charAt(pos) === cur) pos++;
          count = pos - start;
        }
        if (pad === 0) throw dateTimeError(`Pad letter 'p' must be followed by valid pad pattern: ${pattern}`);
        builder.padNext(pad);
      }
      appendLetters(builder, cur, count);
    } else if (cur === "'") {
      const start = pos++;
      for (; pos < pattern.length; pos++) {
        if (pattern.charAt(pos) === "'") {
          if (pos + 1 < pattern.length && pattern.charAt(pos + 1) === "'") pos++;
          else break;
        }
      }
      if (pos >= pattern.length) throw dateTimeError(`Pattern ends with an incomplete string literal: ${pattern}`);
      const literal = pattern.substring(start + 1, pos);
      builder.append({ kind: "literal", text: literal === "" ? "'" : literal.replaceAll("''", "'") });
      pos++;
    } else if (cur === "[") {
      builder.optionalStart();
      pos++;
    } else if (cur === "]") {
      if (builder.depth === 1) throw dateTimeError("Pattern invalid as it contains ] without previous [");
      builder.optionalEnd();
      pos++;
    } else if (cur === "{" || cur === "}" || cur === "#") {
      throw dateTimeError(`Pattern includes reserved character: '${cur}'`);
    } else {
      builder.append({ kind: "literal", text: cur });
      pos++;
    }
  }
  return { elements: builder.build(), resolver: "SMART" };
}

// ---------------------------------------------------------------------------------------------
// Predefined formatters (DateTimeFormatter constants)

const INSENSITIVE: SettingElement = { kind: "setting", setting: "insensitive" };
const SENSITIVE: SettingElement = { kind: "setting", setting: "sensitive" };
const LENIENT: SettingElement = { kind: "setting", setting: "lenient" };
const STRICT: SettingElement = { kind: "setting", setting: "strict" };

function lit(t: string): LiteralElement {
  return { kind: "literal", text: t };
}

function fixed(field: NumericField, width: number): ValueElement {
  return { ...fixedValue(field, width), subsequentWidth: 0 };
}

const OFFSET_ID: OffsetElement = { kind: "offset", type: 6, noOffsetText: "Z" };

const ISO_LOCAL_DATE: readonly Element[] = [
  value("Year", 4, 10, "EXCEEDS_PAD"),
  lit("-"),
  fixed("MonthOfYear", 2),
  lit("-"),
  fixed("DayOfMonth", 2),
];

const ISO_LOCAL_TIME: readonly Element[] = [
  fixed("HourOfDay", 2),
  lit(":"),
  fixed("MinuteOfHour", 2),
  {
    kind: "optional",
    elements: [
      lit(":"),
      fixed("SecondOfMinute", 2),
      { kind: "optional", elements: [{ kind: "fraction", min: 0, max: 9, decimalPoint: true, subsequentWidth: 0 }] },
    ],
  },
];

const ISO_LOCAL_DATE_TIME: readonly Element[] = [INSENSITIVE, ...ISO_LOCAL_DATE, lit("T"), ...ISO_LOCAL_TIME];
const ISO_OFFSET_DATE_TIME: readonly Element[] = [INSENSITIVE, ...ISO_LOCAL_DATE_TIME, LENIENT, OFFSET_ID, STRICT];
const REGION_SUFFIX: OptionalElement = {
  kind: "optional",
  elements: [lit("["), SENSITIVE, { kind: "zone-id", regionOnly: true }, lit("]")],
};

const RFC_DAYS: Record<number, string> = { 1: "Mon", 2: "Tue", 3: "Wed", 4: "Thu", 5: "Fri", 6: "Sat", 7: "Sun" };
const RFC_MONTHS: Record<number, string> = {
  1: "Jan",
  2: "Feb",
  3: "Mar",
  4: "Apr",
  5: "May",
  6: "Jun",
  7: "Jul",
  8: "Aug",
  9: "Sep",
  10: "Oct",
  11: "Nov",
  12: "Dec",
};

function strict(elements: readonly Element[]): CompiledFormat {
  return { elements, resolver: "STRICT" };
}

/** DateTimeFormatter constants by Kestra's names, plus the ISO parsers of ZonedDateTime/LocalDateTime/LocalDate.parse. */
export const ISO_FORMATS = {
  iso_local_date: strict(ISO_LOCAL_DATE),
  iso_local_time: strict(ISO_LOCAL_TIME),
  iso_local_date_time: strict(ISO_LOCAL_DATE_TIME),
  iso_date: strict([INSENSITIVE, ...ISO_LOCAL_DATE, { kind: "optional", elements: [OFFSET_ID] }]),
  iso_time: strict([INSENSITIVE, ...ISO_LOCAL_TIME, { kind: "optional", elements: [OFFSET_ID] }]),
  iso_offset_time: strict([INSENSITIVE, ...ISO_LOCAL_TIME, OFFSET_ID]),
  iso_offset_date_time: strict(ISO_OFFSET_DATE_TIME),
  iso_zoned_date_time: strict([...ISO_OFFSET_DATE_TIME, REGION_SUFFIX]),
  iso_date_time: strict([...ISO_LOCAL_DATE_TIME, { kind: "optional", elements: [OFFSET_ID, REGION_SUFFIX] }]),
  iso_instant: strict([INSENSITIVE, { kind: "instant" }]),
  iso_ordinal_date: strict([
    INSENSITIVE,
    value("Year", 4, 10, "EXCEEDS_PAD"),
    lit("-"),
    fixed("DayOfYear", 3),
    { kind: "optional", elements: [OFFSET_ID] },
  ]),
  iso_week_date: strict([
    INSENSITIVE,
    value("WeekBasedYear", 4, 10, "EXCEEDS_PAD"),
    lit("-W"),
    fixed("WeekOfWeekBasedYear", 2),
    lit("-"),
    fixed("DayOfWeek", 1),
    { kind: "optional", elements: [OFFSET_ID] },
  ]),
  rfc_1123_date_time: {
    resolver: "SMART",
    elements: [
      INSENSITIVE,
      LENIENT,
      {
        kind: "optional",
        elements: [
          { kind: "text", field: "DayOfWeek", style: { width: "short", standalone: false }, fixed: RFC_DAYS },
          lit(", "),
        ],
      },
      value("DayOfMonth", 1, 2, "NOT_NEGATIVE"),
      lit(" "),
      { kind: "text", field: "MonthOfYear", style: { width: "short", standalone: false }, fixed: RFC_MONTHS },
      lit(" "),
      fixed("Year", 4),
      lit(" "),
      fixed("HourOfDay", 2),
      lit(":"),
      fixed("MinuteOfHour", 2),
      { kind: "optional", elements: [lit(":"), fixed("SecondOfMinute", 2)] },
      lit(" "),
      { kind: "offset", type: 3, noOffsetText: "GMT" },
    ],
  },
} satisfies Record<string, CompiledFormat>;

export type IsoFormatName = keyof typeof ISO_FORMATS;

/** The localized styles of DateTimeFormatter.ofLocalizedDateTime. */
export type LocalizedStyle = "full" | "long" | "medium" | "short";

export const LOCALIZED_STYLES: readonly string[] = ["full", "long", "medium", "short"];

/** Kestra's custom named patterns (AbstractDate.FORMATTERS). */
const NAMED_PATTERNS: Readonly<Record<string, string>> = {
  iso: "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX",
  iso_sec: "yyyy-MM-dd'T'HH:mm:ssXXX",
  sql: "yyyy-MM-dd HH:mm:ss.SSSSSS",
  sql_seq: "yyyy-MM-dd HH:mm:ss",
};

/** The Java DateTimeFormatter patterns of the en_US localized styles (JDK 21, CLDR 42). */
export const EN_US_STYLE_PATTERNS: Readonly<Record<LocalizedStyle, string>> = {
  short: "M/d/yy, h:mm\u202Fa",
  medium: "MMM d, y, h:mm:ss\u202Fa",
  long: "MMMM d, y, h:mm:ss\u202Fa z",
  full: "EEEE, MMMM d, y, h:mm:ss\u202Fa zzzz",
};

const CUSTOM_ISO = [
  "iso_date_time",
  "iso_date",
  "iso_time",
  "iso_local_date",
  "iso_instant",
  "iso_local_date_time",
  "iso_local_time",
  "iso_offset_time",
  "iso_ordinal_date",
  "iso_week_date",
  "iso_zoned_date_time",
  "rfc_1123_date_time",
] as const satisfies readonly IsoFormatName[];

const patternCache = new Map<string, CompiledFormat>();

/** A compiled pattern, cached. */
export function compileCached(pattern: string): CompiledFormat {
  let compiled = patternCache.get(pattern);
  if (!compiled) {
    compiled = compilePattern(pattern);
    if (patternCache.size > 1000) patternCache.clear();
    patternCache.set(pattern, compiled);
  }
  return compiled;
}

/**
 * Kestra's format lookup (AbstractDate.formatter): a localized style, one of its named
 * formatters, else a Java pattern.
 */
export function kestraFormat(format: string): CompiledFormat | { readonly style: LocalizedStyle } {
  if (LOCALIZED_STYLES.includes(format)) return { style: format as LocalizedStyle };
  const named = NAMED_PATTERNS[format];
  if (named !== undefined) return compileCached(named);
  const iso = (CUSTOM_ISO as readonly string[]).includes(format) ? ISO_FORMATS[format as IsoFormatName] : undefined;
  return iso ?? compileCached(format);
}
