/**
 * Parsing text with a compiled Java DateTimeFormatter and resolving the fields the way
 * java.time does (DateTimeParseContext, Parsed.resolve in SMART or STRICT mode), then building
 * ZonedDateTime / LocalDateTime / LocalDate values as Temporal objects.
 */

import { Temporal } from "temporal-polyfill";
import {
  dateOfEpochDay,
  dateOfWeekBasedYear,
  dayOfWeekOfEpochDay,
  daysInMonth,
  daysInYear,
  epochDay,
  floorMod,
  ISO_WEEK,
  isoDateText,
  type LocalDateParts,
  MONTH_NAMES,
  pad2,
  type WeekRules,
  weekOfMonth,
} from "./calendar.js";
import { weekPrinter } from "./java-format.js";
import type {
  CompiledFormat,
  Element,
  FractionElement,
  NumericField,
  ReducedElement,
  ResolverStyle,
  TextElement,
  ValueElement,
} from "./java-pattern.js";
import { fieldText, fieldTextValues, type TextStyle, weekRules } from "./locale-text.js";
import {
  dateTimeError,
  gmtText,
  type JavaZone,
  shortZoneNames,
  zoneForShortName,
  zoneOf,
  zoneOfOffset,
} from "./zones.js";

type ParsedField = NumericField | "OffsetSeconds" | "InstantSeconds";

interface ParsedState {
  fields: Map<ParsedField, number>;
  zone: JavaZone | undefined;
}

class ParseContext {
  caseSensitive = true;
  strict = true;
  private readonly stack: ParsedState[] = [{ fields: new Map(), zone: undefined }];

  constructor(
    readonly text: string,
    readonly locale: string,
    readonly weeks: WeekRules,
  ) {}

  get parsed(): ParsedState {
    const top = this.stack[this.stack.length - 1];
    if (!top) throw new Error("parse stack is empty");
    return top;
  }

  startOptional(): void {
    const current = this.parsed;
    this.stack.push({ fields: new Map(current.fields), zone: current.zone });
  }

  endOptional(successful: boolean): void {
    const section = this.stack.pop();
    if (successful && section) {
      const outer = this.parsed;
      outer.fields = section.fields;
      outer.zone = section.zone;
    }
  }

  copy(): ParseContext {
    const copy = new ParseContext(this.text, this.locale, this.weeks);
    copy.caseSensitive = this.caseSensitive;
    copy.strict = this.strict;
    return copy;
  }

  /** DateTimeParseContext.setParsedField: a conflicting duplicate is a parse error. */
  setField(field: ParsedField, value: number, errorPos: number, successPos: number): number {
    const fields = this.parsed.fields;
    const old = fields.get(field);
    fields.set(field, value);
    return old !== undefined && old !== value ? ~errorPos : successPos;
  }

  charEquals(a: string, b: string): boolean {
    if (a === b) return true;
    return !this.caseSensitive && (a.toUpperCase() === b.toUpperCase() || a.toLowerCase() === b.toLowerCase());
  }

  matches(position: number, expected: string): boolean {
    if (position + expected.length > this.text.length) return false;
    for (let i = 0; i < expected.length; i++) {
      if (!this.charEquals(this.text.charAt(position + i), expected.charAt(i))) return false;
    }
    return true;
  }
}

function digitAt(text: string, pos: number): number {
  const code = text.charCodeAt(pos);
  return code >= 48 && code <= 57 ? code - 48 : -1;
}

function isFixedWidth(element: { subsequentWidth: number; min: number; max: number }, sign: string): boolean {
  return (
    element.subsequentWidth === -1 ||
    (element.subsequentWidth > 0 && element.min === element.max && sign === "NOT_NEGATIVE")
  );
}

/** SignStyle.parse: whether a sign is acceptable. */
function signAccepted(sign: string, positive: boolean, strict: boolean, fixedWidth: boolean): boolean {
  switch (sign) {
    case "NORMAL":
      return !positive || !strict;
    case "ALWAYS":
    case "EXCEEDS_PAD":
      return true;
    default:
      return !strict && !fixedWidth;
  }
}

/** NumberPrinterParser.parse (and ReducedPrinterParser through `reduce`). */
function parseNumber(
  ctx: ParseContext,
  element: ValueElement | ReducedElement,
  position: number,
  reduce?: (value: number, length: number) => number,
): number {
  const text = ctx.text;
  const length = text.length;
  if (position === length) return ~position;
  const sign = element.kind === "value" ? element.sign : "NOT_NEGATIVE";
  const fixedWidth =
    element.kind === "reduced" ? ctx.strict && isFixedWidth(element, sign) : isFixedWidth(element, sign);
  let pos = position;
  const first = text.charAt(pos);
  let negative = false;
  let positive = false;
  if (first === "+") {
    if (!signAccepted(sign, true, ctx.strict, element.min === element.max)) return ~pos;
    positive = true;
    pos++;
  } else if (first === "-") {
    if (!signAccepted(sign, false, ctx.strict, element.min === element.max)) return ~pos;
    negative = true;
    pos++;
  } else if (sign === "ALWAYS" && ctx.strict) {
    return ~pos;
  }
  const start = pos;
  const effMinWidth = ctx.strict || fixedWidth ? element.min : 1;
  const minEndPos = start + effMinWidth;
  if (minEndPos > length) return ~start;
  let effMaxWidth = (ctx.strict || fixedWidth ? element.max : 9) + Math.max(element.subsequentWidth, 0);
  let total = 0n;
  let end = start;
  for (let pass = 0; pass < 2; pass++) {
    const maxEndPos = Math.min(end + effMaxWidth, length);
    while (end < maxEndPos) {
      const digit = digitAt(text, end);
      if (digit < 0) break;
      total = total * 10n + BigInt(digit);
      end++;
    }
    if (end < minEndPos) return ~start;
    if (element.subsequentWidth > 0 && pass === 0) {
      effMaxWidth = Math.max(effMinWidth, end - start - element.subsequentWidth);
      end = start;
      total = 0n;
    } else {
      break;
    }
  }
  if (negative) {
    if (total === 0n && ctx.strict) return ~(start - 1);
    total = -total;
  } else if (sign === "EXCEEDS_PAD" && ctx.strict) {
    const parseLen = end - start;
    if (positive) {
      if (parseLen <= element.min) return ~(start - 1);
    } else if (parseLen > element.min) {
      return ~start;
    }
  }
  if (total > BigInt(Number.MAX_SAFE_INTEGER) || total < BigInt(Number.MIN_SAFE_INTEGER)) return ~start;
  let value = Number(total);
  if (reduce) value = reduce(value, end - start);
  return ctx.setField(element.field, value, start, end);
}

function parseReduced(ctx: ParseContext, element: ReducedElement, position: number): number {
  return parseNumber(ctx, element, position, (value, length) => {
    if (length !== element.min || value < 0) return value;
    const range = 10 ** element.min;
    const lastPart = element.base % range;
    const basePart = element.base - lastPart;
    let result = element.base > 0 ? basePart + value : basePart - value;
    if (result < element.base) result += range;
    return result;
  });
}

function parseFraction(ctx: ParseContext, element: FractionElement, position: number): number {
  const text = ctx.text;
  const fixed = isFixedWidth(element, "NOT_NEGATIVE");
  const effMin = ctx.strict || fixed ? element.min : 0;
  const effMax = ctx.strict || fixed ? element.max : 9;
  let pos = position;
  if (pos === text.length) return effMin > 0 ? ~pos : pos;
  if (element.decimalPoint) {
    if (text.charAt(pos) !== ".") return effMin > 0 ? ~pos : pos;
    pos++;
  }
  const start = pos;
  const minEndPos = start + effMin;
  if (minEndPos > text.length) return ~start;
  const maxEndPos = Math.min(start + effMax, text.length);
  let digits = "";
  while (pos < maxEndPos) {
    const digit = digitAt(text, pos);
    if (digit < 0) break;
    digits += String(digit);
    pos++;
  }
  if (pos < minEndPos) return ~start;
  const nano = digits === "" ? 0 : Number(digits.padEnd(9, "0"));
  return ctx.setField("NanoOfSecond", nano, start, pos);
}

const STYLE_WIDTHS: readonly TextStyle["width"][] = ["full", "short", "narrow"];

function textEntries(element: TextElement, ctx: ParseContext): [string, number][] {
  const entries: [string, number][] = [];
  const values = fieldTextValues(element.field);
  if (element.fixed) {
    for (const v of values) {
      const t = element.fixed[v];
      if (t !== undefined) entries.push([t, v]);
    }
  } else {
    const styles: TextStyle[] = ctx.strict
      ? [element.style]
      : STYLE_WIDTHS.flatMap((width) => [
          { width, standalone: false },
          { width, standalone: true },
        ]);
    for (const style of styles) {
      for (const v of values) entries.push([fieldText(element.field, v, style, ctx.locale), v]);
    }
  }
  return entries.filter(([t]) => t !== "").sort((a, b) => b[0].length - a[0].length);
}

function parseText(ctx: ParseContext, element: TextElement, position: number): number {
  if (position > ctx.text.length) return ~position;
  for (const [t, v] of textEntries(element, ctx)) {
    if (ctx.matches(position, t)) return ctx.setField(element.field, v, position, position + t.length);
  }
  if (ctx.strict) return ~position;
  return parseNumber(
    ctx,
    { kind: "value", field: element.field, min: 1, max: 19, sign: "NORMAL", subsequentWidth: 0 },
    position,
  );
}

/** OffsetIdPrinterParser.parse (padded-hour patterns). */
function parseOffset(ctx: ParseContext, type: number, noOffsetText: string, position: number): number {
  const text = ctx.text;
  const length = text.length;
  if (noOffsetText.length === 0) {
    if (position === length) return ctx.setField("OffsetSeconds", 0, position, position);
  } else {
    if (position === length) return ~position;
    if (ctx.matches(position, noOffsetText)) {
      return ctx.setField("OffsetSeconds", 0, position, position + noOffsetText.length);
    }
  }
  const sign = text.charAt(position);
  if (sign === "+" || sign === "-") {
    const negative = sign === "-" ? -1 : 1;
    const style = type % 11;
    let colon = style > 0 && style % 2 === 0;
    let parseType = type;
    if (!ctx.strict) {
      if (colon || (parseType === 0 && length > position + 3 && text.charAt(position + 3) === ":")) {
        colon = true;
        parseType = 10;
      } else {
        parseType = 9;
      }
    }
    const state = { pos: position + 1, failed: false, values: [0, 0, 0] };
    const digits = (index: number): boolean => {
      if (state.failed) return true;
      let pos = state.pos;
      if (colon && index !== 0) {
        if (pos + 1 > length || text.charAt(pos) !== ":") return false;
        pos++;
      }
      if (pos + 2 > length) return false;
      const d1 = digitAt(text, pos);
      const d2 = digitAt(text, pos + 1);
      if (d1 < 0 || d2 < 0) return false;
      const v = d1 * 10 + d2;
      if (v > 59) return false;
      state.values[index] = v;
      state.pos = pos + 2;
      return true;
    };
    const field = (index: number, mandatory: boolean): void => {
      if (!digits(index) && mandatory) state.failed = true;
    };
    field(0, true);
    switch (parseType) {
      case 1:
      case 2:
        field(1, false);
        break;
      case 3:
      case 4:
        field(1, true);
        break;
      case 5:
      case 6:
        field(1, true);
        field(2, false);
        break;
      case 7:
      case 8:
        field(1, true);
        field(2, true);
        break;
      case 9:
      case 10:
        if (digits(1)) digits(2);
        break;
      default:
        break;
    }
    if (!state.failed) {
      const [h = 0, m = 0, s = 0] = state.values;
      if (h > 23 || m > 59 || s > 59) throw dateTimeError("Value out of range: Hour[0-23], Minute[0-59], Second[0-59]");
      return ctx.setField("OffsetSeconds", negative * (h * 3600 + m * 60 + s), position, state.pos);
    }
  }
  if (noOffsetText.length === 0) return ctx.setField("OffsetSeconds", 0, position, position);
  return ~position;
}

function parseLocalizedOffset(ctx: ParseContext, position: number): number {
  const gmt = gmtText(ctx.locale);
  if (!ctx.matches(position, gmt)) return ~position;
  let pos = position + gmt.length;
  const text = ctx.text;
  const sign = text.charAt(pos);
  if (sign !== "+" && sign !== "-") return ctx.setField("OffsetSeconds", 0, position, pos);
  pos++;
  const match = /^(\d{1,2})(?::(\d\d)(?::(\d\d))?)?/.exec(text.slice(pos));
  if (!match) return ~pos;
  const total = Number(match[1]) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
  return ctx.setField("OffsetSeconds", sign === "-" ? -total : total, position, pos + match[0].length);
}

function setZone(ctx: ParseContext, zone: JavaZone): void {
  ctx.parsed.zone = zone;
}

/** ZoneIdPrinterParser.parseOffsetBased. */
function parseOffsetBased(ctx: ParseContext, prefixPos: number, position: number, noOffsetText: string): number {
  const prefix = ctx.text.slice(prefixPos, position).toUpperCase();
  const text = ctx.text;
  if (position >= text.length || text.charAt(position) === "0" || ctx.charEquals(text.charAt(position), "Z")) {
    setZone(ctx, prefix === "" ? zoneOfOffset(0) : zoneOf(prefix));
    return position;
  }
  const copy = ctx.copy();
  const end = parseOffset(copy, 6, noOffsetText, position);
  if (end < 0) {
    if (noOffsetText === "Z") return ~prefixPos;
    setZone(ctx, zoneOf(prefix));
    return position;
  }
  const seconds = copy.parsed.fields.get("OffsetSeconds") ?? 0;
  try {
    setZone(
      ctx,
      prefix === "" ? zoneOfOffset(seconds) : zoneOf(`${prefix}${seconds === 0 ? "" : offsetText(seconds)}`),
    );
  } catch {
    return ~prefixPos;
  }
  return end;
}

function offsetText(seconds: number): string {
  return zoneOfOffset(seconds).id;
}

/** A region id: the longest prefix of the text that is a known zone id. */
function matchRegion(ctx: ParseContext, position: number): number {
  const match = /^[A-Za-z][A-Za-z0-9~/._+-]*/.exec(ctx.text.slice(position));
  if (!match) return ~position;
  for (let len = match[0].length; len >= 2; len--) {
    const candidate = match[0].slice(0, len);
    try {
      setZone(ctx, zoneOf(candidate));
      return position + len;
    } catch {
      // try a shorter id
    }
  }
  return ~position;
}

/** ZoneIdPrinterParser.parse (and ZoneTextPrinterParser's names for `z`). */
function parseZone(ctx: ParseContext, position: number, names: boolean): number {
  const text = ctx.text;
  if (position >= text.length) return ~position;
  const next = text.charAt(position);
  if (next === "+" || next === "-") return parseOffsetBased(ctx, position, position, "Z");
  if (text.length >= position + 2) {
    const nextNext = text.charAt(position + 1);
    if (ctx.charEquals(next, "U") && ctx.charEquals(nextNext, "T")) {
      if (text.length >= position + 3 && ctx.charEquals(text.charAt(position + 2), "C")) {
        if (!names) return parseOffsetBased(ctx, position, position + 3, "0");
      } else {
        return parseOffsetBased(ctx, position, position + 2, "0");
      }
    } else if (
      ctx.charEquals(next, "G") &&
      text.length >= position + 3 &&
      ctx.charEquals(nextNext, "M") &&
      ctx.charEquals(text.charAt(position + 2), "T")
    ) {
      if (text.length >= position + 4 && ctx.charEquals(text.charAt(position + 3), "0")) {
        setZone(ctx, zoneOf("GMT0"));
        return position + 4;
      }
      return parseOffsetBased(ctx, position, position + 3, "0");
    }
  }
  if (names) {
    for (const name of shortZoneNames()) {
      const zone = ctx.matches(position, name) ? zoneForShortName(name) : undefined;
      if (zone) {
        setZone(ctx, zoneOf(zone));
        return position + name.length;
      }
    }
  }
  const end = matchRegion(ctx, position);
  if (end < 0 && ctx.charEquals(next, "Z")) {
    setZone(ctx, zoneOfOffset(0));
    return position + 1;
  }
  return end;
}

/** InstantPrinterParser.parse: ISO local date-time with a fraction and an offset, as instant seconds. */
function parseInstant(ctx: ParseContext, position: number): number {
  const copy = ctx.copy();
  const elements: Element[] = [
    { kind: "value", field: "Year", min: 4, max: 10, sign: "EXCEEDS_PAD", subsequentWidth: 0 },
    { kind: "literal", text: "-" },
    { kind: "value", field: "MonthOfYear", min: 2, max: 2, sign: "NOT_NEGATIVE", subsequentWidth: 0 },
    { kind: "literal", text: "-" },
    { kind: "value", field: "DayOfMonth", min: 2, max: 2, sign: "NOT_NEGATIVE", subsequentWidth: 0 },
    { kind: "literal", text: "T" },
    { kind: "value", field: "HourOfDay", min: 2, max: 2, sign: "NOT_NEGATIVE", subsequentWidth: 0 },
    { kind: "literal", text: ":" },
    { kind: "value", field: "MinuteOfHour", min: 2, max: 2, sign: "NOT_NEGATIVE", subsequentWidth: 0 },
    { kind: "literal", text: ":" },
    { kind: "value", field: "SecondOfMinute", min: 2, max: 2, sign: "NOT_NEGATIVE", subsequentWidth: 0 },
    { kind: "fraction", min: 0, max: 9, decimalPoint: true, subsequentWidth: 0 },
    { kind: "offset", type: 6, noOffsetText: "Z" },
  ];
  const pos = parseSequence(copy, elements, position);
  if (pos < 0) return pos;
  const f = copy.parsed.fields;
  const get = (field: ParsedField): number => f.get(field) ?? 0;
  let hour = get("HourOfDay");
  let second = get("SecondOfMinute");
  let days = 0;
  if (hour === 24 && get("MinuteOfHour") === 0 && second === 0 && get("NanoOfSecond") === 0) {
    hour = 0;
    days = 1;
  } else if (hour === 23 && get("MinuteOfHour") === 59 && second === 60) {
    second = 59;
  }
  const month = get("MonthOfYear");
  const day = get("DayOfMonth");
  const year = get("Year");
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || second > 59)
    return ~position;
  const seconds =
    (epochDay(year, month, day) + days) * 86400 +
    hour * 3600 +
    get("MinuteOfHour") * 60 +
    second -
    get("OffsetSeconds");
  const successPos = ctx.setField("InstantSeconds", seconds, position, pos);
  return ctx.setField("NanoOfSecond", get("NanoOfSecond"), position, successPos);
}

function parseElement(ctx: ParseContext, element: Element, position: number): number {
  switch (element.kind) {
    case "value":
      return parseNumber(ctx, element, position);
    case "reduced":
      return parseReduced(ctx, element, position);
    case "fraction":
      return parseFraction(ctx, element, position);
    case "week": {
      const printer = weekPrinter(element);
      return printer.kind === "reduced" ? parseReduced(ctx, printer, position) : parseNumber(ctx, printer, position);
    }
    case "text":
      return parseText(ctx, element, position);
    case "literal":
      return ctx.matches(position, element.text) ? position + element.text.length : ~position;
    case "offset":
      return parseOffset(ctx, element.type, element.noOffsetText, position);
    case "localized-offset":
      return parseLocalizedOffset(ctx, position);
    case "zone-id":
      return parseZone(ctx, position, false);
    case "zone-text":
      return parseZone(ctx, position, true);
    case "day-period":
      return ~position;
    case "instant":
      return parseInstant(ctx, position);
    case "optional": {
      ctx.startOptional();
      const end = parseSequence(ctx, element.elements, position);
      ctx.endOptional(end >= 0);
      return end >= 0 ? end : position;
    }
    case "pad": {
      let pos = position;
      const limit = Math.min(ctx.text.length, position + element.width);
      while (pos < limit && ctx.charEquals(ctx.text.charAt(pos), element.char)) pos++;
      return parseElement(ctx, element.element, pos);
    }
    case "setting":
      switch (element.setting) {
        case "insensitive":
          ctx.caseSensitive = false;
          break;
        case "sensitive":
          ctx.caseSensitive = true;
          break;
        case "lenient":
          ctx.strict = false;
          break;
        case "strict":
          ctx.strict = true;
          break;
      }
      return position;
  }
}

function parseSequence(ctx: ParseContext, elements: readonly Element[], position: number): number {
  let pos = position;
  for (const element of elements) {
    pos = parseElement(ctx, element, pos);
    if (pos < 0) return pos;
  }
  return pos;
}

// ---------------------------------------------------------------------------------------------
// Resolving

interface LocalTimeParts {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly nano: number;
}

interface Resolved {
  readonly fields: Map<ParsedField, number>;
  readonly date: LocalDateParts | undefined;
  readonly time: LocalTimeParts | undefined;
  readonly zone: JavaZone | undefined;
  readonly offset: number | undefined;
  readonly instantSeconds: number | undefined;
}

const RANGES: Partial<Record<ParsedField, readonly [number, number, string?]>> = {
  Era: [0, 1],
  YearOfEra: [1, 999999999],
  Year: [-999999999, 999999999],
  QuarterOfYear: [1, 4],
  MonthOfYear: [1, 12],
  DayOfMonth: [1, 31, "1 - 28/31"],
  DayOfYear: [1, 366, "1 - 365/366"],
  DayOfWeek: [1, 7],
  AlignedWeekOfMonth: [1, 5, "1 - 4/5"],
  AmPmOfDay: [0, 1],
  HourOfDay: [0, 23],
  ClockHourOfDay: [1, 24],
  HourOfAmPm: [0, 11],
  ClockHourOfAmPm: [1, 12],
  MinuteOfHour: [0, 59],
  SecondOfMinute: [0, 59],
  NanoOfSecond: [0, 999999999],
  MilliOfDay: [0, 86399999],
  NanoOfDay: [0, 86399999999999],
};

function checkValid(field: ParsedField, value: number): number {
  const range = RANGES[field];
  if (range && (value < range[0] || value > range[1])) {
    throw dateTimeError(
      `Invalid value for ${field} (valid values ${range[2] ?? `${range[0]} - ${range[1]}`}): ${value}`,
    );
  }
  return value;
}

function take(fields: Map<ParsedField, number>, field: ParsedField): number | undefined {
  const value = fields.get(field);
  fields.delete(field);
  return value;
}

function updateCheckConflict(
  fields: Map<ParsedField, number>,
  source: ParsedField,
  target: ParsedField,
  value: number,
): void {
  const old = fields.get(target);
  if (old !== undefined && old !== value) {
    throw dateTimeError(`Conflict found: ${target} ${old} differs from ${target} ${value} while resolving  ${source}`);
  }
  fields.set(target, value);
}

function resolveYmd(year: number, month: number, day: number, resolver: ResolverStyle): LocalDateParts {
  checkValid("MonthOfYear", month);
  checkValid("DayOfMonth", day);
  const length = daysInMonth(year, month);
  if (day > length) {
    if (resolver === "SMART") return { year, month, day: length };
    if (month === 2 && day === 29) throw dateTimeError(`Invalid date 'February 29' as '${year}' is not a leap year`);
    throw dateTimeError(`Invalid date '${MONTH_NAMES[month - 1]} ${day}'`);
  }
  return { year, month, day };
}

function resolveDate(
  fields: Map<ParsedField, number>,
  resolver: ResolverStyle,
  weeks: WeekRules,
): LocalDateParts | undefined {
  const mjd = take(fields, "ModifiedJulianDay");
  if (mjd !== undefined) return dateOfEpochDay(mjd - 40587);
  const yoe = take(fields, "YearOfEra");
  if (yoe !== undefined) {
    if (resolver !== "STRICT" || fields.has("Era")) checkValid("YearOfEra", yoe);
    const era = take(fields, "Era");
    if (era === undefined) {
      const year = fields.get("Year");
      if (resolver === "STRICT") {
        if (year !== undefined) updateCheckConflict(fields, "YearOfEra", "Year", year > 0 ? yoe : 1 - yoe);
        else fields.set("YearOfEra", yoe);
      } else {
        updateCheckConflict(fields, "YearOfEra", "Year", year === undefined || year > 0 ? yoe : 1 - yoe);
      }
    } else {
      updateCheckConflict(fields, "YearOfEra", "Year", checkValid("Era", era) === 1 ? yoe : 1 - yoe);
    }
  }
  const year = fields.get("Year");
  if (year !== undefined) {
    checkValid("Year", year);
    if (fields.has("MonthOfYear") && fields.has("DayOfMonth")) {
      const month = take(fields, "MonthOfYear") ?? 1;
      const day = take(fields, "DayOfMonth") ?? 1;
      fields.delete("Year");
      return resolveYmd(year, month, day, resolver);
    }
    if (fields.has("DayOfYear")) {
      const doy = checkValid("DayOfYear", take(fields, "DayOfYear") ?? 1);
      fields.delete("Year");
      if (doy > daysInYear(year)) throw dateTimeError(`Invalid date 'DayOfYear 366' as '${year}' is not a leap year`);
      return dateOfEpochDay(epochDay(year, 1, 1) + doy - 1);
    }
  }
  // week fields resolve through the ISO day of week
  const localizedDow = take(fields, "LocalizedDayOfWeek");
  if (localizedDow !== undefined) {
    updateCheckConflict(
      fields,
      "LocalizedDayOfWeek",
      "DayOfWeek",
      floorMod(weeks.firstDay - 1 + localizedDow - 1, 7) + 1,
    );
  }
  const dow = fields.get("DayOfWeek");
  if (dow !== undefined) {
    const wby = fields.get("WeekBasedYear");
    const wowby = fields.get("WeekOfWeekBasedYear");
    if (wby !== undefined && wowby !== undefined) {
      const date = dateOfWeekBasedYear(wby, wowby, dow, ISO_WEEK);
      if (!date) throw dateTimeError(`Invalid value for WeekOfWeekBasedYear: ${wowby}`);
      fields.delete("WeekBasedYear");
      fields.delete("WeekOfWeekBasedYear");
      fields.delete("DayOfWeek");
      return date;
    }
    const lwby = fields.get("LocalizedWeekBasedYear");
    const lweek = fields.get("LocalizedWeekOfWeekBasedYear");
    if (lwby !== undefined && lweek !== undefined) {
      const date = dateOfWeekBasedYear(lwby, lweek, floorMod(dow - weeks.firstDay, 7) + 1, weeks);
      if (!date) throw dateTimeError(`Invalid value for WeekOfWeekBasedYear: ${lweek}`);
      fields.delete("LocalizedWeekBasedYear");
      fields.delete("LocalizedWeekOfWeekBasedYear");
      fields.delete("DayOfWeek");
      return date;
    }
    const wom = fields.get("LocalizedWeekOfMonth");
    const month = fields.get("MonthOfYear");
    if (year !== undefined && month !== undefined && wom !== undefined) {
      const localized = floorMod(dow - weeks.firstDay, 7) + 1;
      for (let day = 1; day <= daysInMonth(year, month); day++) {
        const candidate = { year, month, day };
        const candidateDow = dayOfWeekOfEpochDay(epochDay(year, month, day));
        if (weekOfMonth(candidate, weeks) === wom && floorMod(candidateDow - weeks.firstDay, 7) + 1 === localized) {
          for (const f of ["Year", "MonthOfYear", "LocalizedWeekOfMonth", "DayOfWeek"] as const) fields.delete(f);
          return candidate;
        }
      }
      throw dateTimeError(`Invalid value for WeekOfMonth: ${wom}`);
    }
  }
  return undefined;
}

function resolveTime(
  fields: Map<ParsedField, number>,
  resolver: ResolverStyle,
): { time?: LocalTimeParts; excessDays: number } {
  const clockHourOfDay = take(fields, "ClockHourOfDay");
  if (clockHourOfDay !== undefined) {
    if (resolver === "STRICT" || clockHourOfDay !== 0) checkValid("ClockHourOfDay", clockHourOfDay);
    updateCheckConflict(fields, "ClockHourOfDay", "HourOfDay", clockHourOfDay === 24 ? 0 : clockHourOfDay);
  }
  const clockHourOfAmPm = take(fields, "ClockHourOfAmPm");
  if (clockHourOfAmPm !== undefined) {
    if (resolver === "STRICT" || clockHourOfAmPm !== 0) checkValid("ClockHourOfAmPm", clockHourOfAmPm);
    updateCheckConflict(fields, "ClockHourOfAmPm", "HourOfAmPm", clockHourOfAmPm === 12 ? 0 : clockHourOfAmPm);
  }
  if (fields.has("AmPmOfDay") && fields.has("HourOfAmPm")) {
    const ap = checkValid("AmPmOfDay", take(fields, "AmPmOfDay") ?? 0);
    const hap = checkValid("HourOfAmPm", take(fields, "HourOfAmPm") ?? 0);
    updateCheckConflict(fields, "AmPmOfDay", "HourOfDay", ap * 12 + hap);
  }
  const nanoOfDay = take(fields, "NanoOfDay");
  if (nanoOfDay !== undefined) {
    checkValid("NanoOfDay", nanoOfDay);
    updateCheckConflict(fields, "NanoOfDay", "HourOfDay", Math.floor(nanoOfDay / 3_600_000_000_000));
    updateCheckConflict(fields, "NanoOfDay", "MinuteOfHour", Math.floor(nanoOfDay / 60_000_000_000) % 60);
    updateCheckConflict(fields, "NanoOfDay", "SecondOfMinute", Math.floor(nanoOfDay / 1_000_000_000) % 60);
    updateCheckConflict(fields, "NanoOfDay", "NanoOfSecond", nanoOfDay % 1_000_000_000);
  }
  const milliOfDay = take(fields, "MilliOfDay");
  if (milliOfDay !== undefined) {
    checkValid("MilliOfDay", milliOfDay);
    updateCheckConflict(fields, "MilliOfDay", "HourOfDay", Math.floor(milliOfDay / 3_600_000));
    updateCheckConflict(fields, "MilliOfDay", "MinuteOfHour", Math.floor(milliOfDay / 60_000) % 60);
    updateCheckConflict(fields, "MilliOfDay", "SecondOfMinute", Math.floor(milliOfDay / 1000) % 60);
    const nano = fields.get("NanoOfSecond");
    const milliNano = (milliOfDay % 1000) * 1_000_000;
    if (nano === undefined) fields.set("NanoOfSecond", milliNano);
    else if (Math.floor(nano / 1_000_000) !== milliOfDay % 1000) {
      throw dateTimeError(`Conflict found: NanoOfSecond ${nano} differs from MilliOfDay ${milliOfDay}`);
    }
  }
  const hod = fields.get("HourOfDay");
  if (hod === undefined) return { excessDays: 0 };
  const moh = fields.get("MinuteOfHour");
  const som = fields.get("SecondOfMinute");
  const nos = fields.get("NanoOfSecond");
  if (
    (moh === undefined && (som !== undefined || nos !== undefined)) ||
    (moh !== undefined && som === undefined && nos !== undefined)
  ) {
    return { excessDays: 0 };
  }
  for (const f of ["HourOfDay", "MinuteOfHour", "SecondOfMinute", "NanoOfSecond"] as const) fields.delete(f);
  const minute = moh ?? 0;
  const second = som ?? 0;
  const nano = nos ?? 0;
  if (resolver === "SMART" && hod === 24 && minute === 0 && second === 0 && nano === 0) {
    return { time: { hour: 0, minute: 0, second: 0, nano: 0 }, excessDays: 1 };
  }
  checkValid("HourOfDay", hod);
  checkValid("MinuteOfHour", minute);
  checkValid("SecondOfMinute", second);
  checkValid("NanoOfSecond", nano);
  return { time: { hour: hod, minute, second, nano }, excessDays: 0 };
}

function crossCheck(
  fields: Map<ParsedField, number>,
  date: LocalDateParts | undefined,
  time: LocalTimeParts | undefined,
): void {
  if (date) {
    const derived: Partial<Record<ParsedField, number>> = {
      Year: date.year,
      Era: date.year >= 1 ? 1 : 0,
      YearOfEra: date.year >= 1 ? date.year : 1 - date.year,
      MonthOfYear: date.month,
      DayOfMonth: date.day,
      DayOfYear: epochDay(date.year, date.month, date.day) - epochDay(date.year, 1, 1) + 1,
      DayOfWeek: dayOfWeekOfEpochDay(epochDay(date.year, date.month, date.day)),
      QuarterOfYear: Math.floor((date.month - 1) / 3) + 1,
      AlignedWeekOfMonth: Math.floor((date.day - 1) / 7) + 1,
    };
    const text = isoDateText(date);
    for (const [field, expected] of Object.entries(derived) as [ParsedField, number][]) {
      const parsed = fields.get(field);
      if (parsed === undefined) continue;
      if (parsed !== expected) {
        throw dateTimeError(
          `Conflict found: Field ${field} ${expected} differs from ${field} ${parsed} derived from ${text}`,
        );
      }
      fields.delete(field);
    }
  }
  if (time) {
    const ampm = fields.get("AmPmOfDay");
    if (ampm !== undefined) {
      const expected = time.hour < 12 ? 0 : 1;
      if (ampm !== expected)
        throw dateTimeError(`Conflict found: Field AmPmOfDay ${expected} differs from AmPmOfDay ${ampm}`);
      fields.delete("AmPmOfDay");
    }
  }
}

function resolve(state: ParsedState, resolver: ResolverStyle, weeks: WeekRules): Resolved {
  const fields = new Map(state.fields);
  const offset = take(fields, "OffsetSeconds");
  let instantSeconds = take(fields, "InstantSeconds");
  let date = resolveDate(fields, resolver, weeks);
  const { time: resolvedTime, excessDays } = resolveTime(fields, resolver);
  let time = resolvedTime;
  if (date && excessDays) date = dateOfEpochDay(epochDay(date.year, date.month, date.day) + excessDays);
  if (instantSeconds !== undefined && (state.zone || offset !== undefined)) {
    // resolveInstantFields: the instant gives the local date-time in the parsed zone or offset
    const zone = state.zone ?? zoneOfOffset(offset ?? 0);
    const zdt = Temporal.Instant.fromEpochNanoseconds(BigInt(instantSeconds) * 1_000_000_000n).toZonedDateTimeISO(
      zone.temporal,
    );
    date = { year: zdt.year, month: zdt.month, day: zdt.day };
    time = { hour: zdt.hour, minute: zdt.minute, second: zdt.second, nano: take(fields, "NanoOfSecond") ?? 0 };
  }
  crossCheck(fields, date, time);
  if (date && time && instantSeconds === undefined) {
    if (offset !== undefined) {
      instantSeconds = localSeconds(date, time) - offset;
    } else if (state.zone) {
      instantSeconds = Number(zonedFromLocal(date, time, state.zone).epochNanoseconds / 1_000_000_000n);
    }
  }
  return { fields, date, time, zone: state.zone, offset, instantSeconds };
}

function localSeconds(date: LocalDateParts, time: LocalTimeParts): number {
  return epochDay(date.year, date.month, date.day) * 86400 + time.hour * 3600 + time.minute * 60 + time.second;
}

function zonedFromLocal(date: LocalDateParts, time: LocalTimeParts, zone: JavaZone): Temporal.ZonedDateTime {
  return Temporal.ZonedDateTime.from(
    { ...plainFields(date, time), timeZone: zone.temporal },
    { disambiguation: "compatible", overflow: "reject" },
  );
}

function plainFields(date: LocalDateParts, time: LocalTimeParts) {
  return {
    year: date.year,
    month: date.month,
    day: date.day,
    hour: time.hour,
    minute: time.minute,
    second: time.second,
    millisecond: Math.floor(time.nano / 1_000_000),
    microsecond: Math.floor(time.nano / 1000) % 1000,
    nanosecond: time.nano % 1000,
  };
}

// ---------------------------------------------------------------------------------------------
// Public API

/** A DateTimeParseException. */
export class DateTimeParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DateTimeParseError";
  }
}

function abbreviate(text: string): string {
  return text.length > 64 ? `${text.slice(0, 64)}...` : text;
}

function describe(resolved: Resolved): string {
  const entries = [...resolved.fields.entries()].map(([k, v]) => `${k}=${v}`);
  let out = `{${entries.join(", ")}},ISO`;
  if (resolved.zone) out += `,${resolved.zone.id}`;
  else if (resolved.offset !== undefined) out += `,${zoneOfOffset(resolved.offset).id}`;
  if (resolved.date || resolved.time) {
    out += " resolved to ";
    if (resolved.date) {
      out += isoDateText(resolved.date);
      if (resolved.time) out += "T";
    }
    if (resolved.time) {
      const t = resolved.time;
      out += `${pad2(t.hour)}:${pad2(t.minute)}`;
      if (t.second || t.nano) out += `:${pad2(t.second)}`;
    }
  }
  return `${out} of type java.time.format.Parsed`;
}

/** DateTimeFormatter.parseResolved0: parses the whole text and resolves the fields. */
function parseResolved(text: string, format: CompiledFormat, locale: string): Resolved {
  const ctx = new ParseContext(text, locale, weekRules(locale));
  let end: number;
  try {
    end = parseSequence(ctx, format.elements, 0);
  } catch (error) {
    throw new DateTimeParseError(`Text '${abbreviate(text)}' could not be parsed: ${(error as Error).message}`);
  }
  if (end < 0) throw new DateTimeParseError(`Text '${abbreviate(text)}' could not be parsed at index ${~end}`);
  if (end < text.length) {
    throw new DateTimeParseError(`Text '${abbreviate(text)}' could not be parsed, unparsed text found at index ${end}`);
  }
  try {
    return resolve(ctx.parsed, format.resolver, ctx.weeks);
  } catch (error) {
    throw new DateTimeParseError(`Text '${abbreviate(text)}' could not be parsed: ${(error as Error).message}`);
  }
}

function unable(text: string, type: string, resolved: Resolved): DateTimeParseError {
  return new DateTimeParseError(
    `Text '${abbreviate(text)}' could not be parsed: Unable to obtain ${type} from TemporalAccessor: ${describe(resolved)}`,
  );
}

function outOfRange(text: string, error: unknown): DateTimeParseError {
  return new DateTimeParseError(`Text '${abbreviate(text)}' could not be parsed: ${(error as Error).message}`);
}

/** ZonedDateTime.parse(text, formatter); the Java zone of the result is returned alongside. */
export function parseZonedDateTime(
  text: string,
  format: CompiledFormat,
  locale: string,
): { zdt: Temporal.ZonedDateTime; zone: JavaZone } {
  const resolved = parseResolved(text, format, locale);
  const zone = resolved.zone ?? (resolved.offset !== undefined ? zoneOfOffset(resolved.offset) : undefined);
  if (!zone) throw unable(text, "ZonedDateTime", resolved);
  try {
    if (resolved.instantSeconds !== undefined) {
      const nano = resolved.time?.nano ?? 0;
      const ns = BigInt(resolved.instantSeconds) * 1_000_000_000n + BigInt(nano);
      return { zdt: Temporal.Instant.fromEpochNanoseconds(ns).toZonedDateTimeISO(zone.temporal), zone };
    }
    if (resolved.date && resolved.time) return { zdt: zonedFromLocal(resolved.date, resolved.time, zone), zone };
  } catch (error) {
    throw outOfRange(text, error);
  }
  throw unable(text, "ZonedDateTime", resolved);
}

/** LocalDateTime.parse(text, formatter). */
export function parseLocalDateTime(text: string, format: CompiledFormat, locale: string): Temporal.PlainDateTime {
  const resolved = parseResolved(text, format, locale);
  if (!resolved.date || !resolved.time) throw unable(text, "LocalDateTime", resolved);
  try {
    return Temporal.PlainDateTime.from(plainFields(resolved.date, resolved.time), { overflow: "reject" });
  } catch (error) {
    throw outOfRange(text, error);
  }
}

/** LocalDate.parse(text, formatter). */
export function parseLocalDate(text: string, format: CompiledFormat, locale: string): Temporal.PlainDate {
  const resolved = parseResolved(text, format, locale);
  if (!resolved.date) throw unable(text, "LocalDate", resolved);
  try {
    return Temporal.PlainDate.from(resolved.date, { overflow: "reject" });
  } catch (error) {
    throw outOfRange(text, error);
  }
}
