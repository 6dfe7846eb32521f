/**
 * Formatting a Temporal.ZonedDateTime the way java.time.format.DateTimeFormatter does, with Java
 * patterns, Kestra's named formats and the localized styles.
 */
import type { Temporal } from "temporal-polyfill";
import {
  dayOfWeekOfEpochDay,
  dayOfYear,
  epochDay,
  ISO_WEEK,
  localizedDayOfWeek,
  pad2,
  type WeekRules,
  weekBasedYearAndWeek,
  weekOfMonth,
} from "./calendar.js";
import {
  type CompiledFormat,
  compileCached,
  type Element,
  EN_US_STYLE_PATTERNS,
  type FractionElement,
  type InstantElement,
  kestraFormat,
  type LocalizedStyle,
  type NumericField,
  OFFSET_PATTERNS,
  type ReducedElement,
  type SignStyle,
  type ValueElement,
  type WeekElement,
} from "./java-pattern.js";
import { dayPeriodText, fieldText, weekRules } from "./locale-text.js";
import { dateTimeError, gmtText, intlFormat, isEnglish, type JavaZone, zoneOfTemporal, zoneText } from "./zones.js";

/** The local fields of a date-time in its zone, with the instant. */
export interface Moment {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly nano: number;
  readonly offsetSeconds: number;
  readonly epochSecond: bigint;
  readonly epochMs: number;
}

export function momentOf(zdt: Temporal.ZonedDateTime): Moment {
  const epochNs = zdt.epochNanoseconds;
  const floorSeconds = epochNs >= 0n ? epochNs / 1_000_000_000n : -((-epochNs + 999_999_999n) / 1_000_000_000n);
  return {
    year: zdt.year,
    month: zdt.month,
    day: zdt.day,
    hour: zdt.hour,
    minute: zdt.minute,
    second: zdt.second,
    nano: zdt.millisecond * 1_000_000 + zdt.microsecond * 1_000 + zdt.nanosecond,
    offsetSeconds: Math.round(zdt.offsetNanoseconds / 1e9),
    epochSecond: floorSeconds,
    epochMs: zdt.epochMilliseconds,
  };
}

interface PrintContext {
  readonly moment: Moment;
  readonly zone: JavaZone;
  readonly locale: string;
  readonly weeks: WeekRules;
}

/** The value of a numeric field of a date-time. */
export function fieldValue(m: Moment, field: NumericField, weeks: WeekRules): number {
  switch (field) {
    case "Era":
      return m.year >= 1 ? 1 : 0;
    case "YearOfEra":
      return m.year >= 1 ? m.year : 1 - m.year;
    case "Year":
      return m.year;
    case "QuarterOfYear":
      return Math.floor((m.month - 1) / 3) + 1;
    case "MonthOfYear":
      return m.month;
    case "DayOfYear":
      return dayOfYear(m.year, m.month, m.day);
    case "DayOfMonth":
      return m.day;
    case "AlignedWeekOfMonth":
      return Math.floor((m.day - 1) / 7) + 1;
    case "DayOfWeek":
      return dayOfWeekOfEpochDay(epochDay(m.year, m.month, m.day));
    case "AmPmOfDay":
      return m.hour < 12 ? 0 : 1;
    case "HourOfDay":
      return m.hour;
    case "ClockHourOfDay":
      return m.hour === 0 ? 24 : m.hour;
    case "HourOfAmPm":
      return m.hour % 12;
    case "ClockHourOfAmPm":
      return m.hour % 12 === 0 ? 12 : m.hour % 12;
    case "MinuteOfHour":
      return m.minute;
    case "SecondOfMinute":
      return m.second;
    case "NanoOfSecond":
      return m.nano;
    case "MilliOfDay":
      return ((m.hour * 60 + m.minute) * 60 + m.second) * 1000 + Math.floor(m.nano / 1_000_000);
    case "NanoOfDay":
      return ((m.hour * 60 + m.minute) * 60 + m.second) * 1e9 + m.nano;
    case "ModifiedJulianDay":
      return epochDay(m.year, m.month, m.day) + 40587;
    case "WeekBasedYear":
      return weekBasedYearAndWeek(m, ISO_WEEK).year;
    case "WeekOfWeekBasedYear":
      return weekBasedYearAndWeek(m, ISO_WEEK).week;
    case "LocalizedDayOfWeek":
      return localizedDayOfWeek(dayOfWeekOfEpochDay(epochDay(m.year, m.month, m.day)), weeks);
    case "LocalizedWeekOfMonth":
      return weekOfMonth(m, weeks);
    case "LocalizedWeekOfWeekBasedYear":
      return weekBasedYearAndWeek(m, weeks).week;
    case "LocalizedWeekBasedYear":
      return weekBasedYearAndWeek(m, weeks).year;
  }
}

/** NumberPrinterParser.format. */
export function printNumber(field: string, value: number, min: number, max: number, sign: SignStyle): string {
  const digits = String(Math.abs(value));
  if (digits.length > max) {
    throw dateTimeError(
      `Field ${field} cannot be printed as the value ${value} exceeds the maximum print width of ${max}`,
    );
  }
  let prefix = "";
  if (value >= 0) {
    if ((sign === "EXCEEDS_PAD" && min < 19 && digits.length > min) || sign === "ALWAYS") prefix = "+";
  } else if (sign === "NOT_NEGATIVE") {
    throw dateTimeError(
      `Field ${field} cannot be printed as the value ${value} cannot be negative according to the SignStyle`,
    );
  } else if (sign !== "NEVER") {
    prefix = "-";
  }
  return prefix + "0".repeat(Math.max(0, min - digits.length)) + digits;
}

/** The localized field and printer of a week element (WeekBasedFieldPrinterParser.printerParser). */
export function weekPrinter(element: WeekElement): ValueElement | ReducedElement {
  const subsequentWidth = element.subsequentWidth;
  switch (element.letter) {
    case "Y":
      return element.count === 2
        ? { kind: "reduced", field: "LocalizedWeekBasedYear", min: 2, max: 2, base: 2000, subsequentWidth }
        : {
            kind: "value",
            field: "LocalizedWeekBasedYear",
            min: element.count,
            max: 19,
            sign: element.count < 4 ? "NORMAL" : "EXCEEDS_PAD",
            subsequentWidth,
          };
    case "w":
      return weekValue("LocalizedWeekOfWeekBasedYear", element);
    case "W":
      return weekValue("LocalizedWeekOfMonth", element);
    default:
      return weekValue("LocalizedDayOfWeek", element);
  }
}

function weekValue(field: NumericField, element: WeekElement): ValueElement {
  const min = element.count === 2 ? 2 : 1;
  return { kind: "value", field, min, max: 2, sign: "NOT_NEGATIVE", subsequentWidth: element.subsequentWidth };
}

function printReduced(element: ReducedElement, value: number): string {
  const abs = Math.abs(value);
  const minRange = 10 ** element.min;
  const reduced = value >= element.base && value < element.base + minRange ? abs % minRange : abs % 10 ** element.max;
  return printNumber(element.field, reduced, element.min, element.max, "NOT_NEGATIVE");
}

function printFraction(element: FractionElement, nano: number): string {
  const digits = String(nano).padStart(9, "0");
  const scale = nano === 0 ? 0 : digits.replace(/0+$/, "").length;
  if (scale === 0) {
    if (element.min === 0) return "";
    return (element.decimalPoint ? "." : "") + "0".repeat(element.min);
  }
  const outputScale = Math.min(Math.max(scale, element.min), element.max);
  return (element.decimalPoint ? "." : "") + digits.slice(0, outputScale);
}

/** OffsetIdPrinterParser.format. */
export function printOffset(totalSeconds: number, type: number, noOffsetText: string): string {
  if (totalSeconds === 0) return noOffsetText;
  const pattern = OFFSET_PATTERNS[type] ?? "+HH:MM:ss";
  const style = type % 11;
  const colon = style > 0 && style % 2 === 0;
  const absHours = Math.abs(Math.trunc(totalSeconds / 3600) % 100);
  const absMinutes = Math.abs(Math.trunc(totalSeconds / 60) % 60);
  const absSeconds = Math.abs(totalSeconds % 60);
  let out = totalSeconds < 0 ? "-" : "+";
  out += pattern.startsWith("+HH") || absHours >= 10 ? pad2(absHours) : String(absHours);
  let output = absHours;
  if ((style >= 3 && style <= 8) || (style >= 9 && absSeconds > 0) || (style >= 1 && absMinutes > 0)) {
    out += (colon ? ":" : "") + pad2(absMinutes);
    output += absMinutes;
    if (style === 7 || style === 8 || (style >= 5 && absSeconds > 0)) {
      out += (colon ? ":" : "") + pad2(absSeconds);
      output += absSeconds;
    }
  }
  return output === 0 ? noOffsetText : out;
}

/** LocalizedOffsetIdPrinterParser.format (`O`, `OOOO`, `ZZZZ`). */
function printLocalizedOffset(totalSeconds: number, full: boolean, locale: string): string {
  const gmt = gmtText(locale);
  if (totalSeconds === 0) return gmt;
  const absHours = Math.abs(Math.trunc(totalSeconds / 3600) % 100);
  const absMinutes = Math.abs(Math.trunc(totalSeconds / 60) % 60);
  const absSeconds = Math.abs(totalSeconds % 60);
  let out = gmt + (totalSeconds < 0 ? "-" : "+");
  if (full) {
    out += `${pad2(absHours)}:${pad2(absMinutes)}`;
    if (absSeconds !== 0) out += `:${pad2(absSeconds)}`;
  } else {
    out += String(absHours);
    if (absMinutes !== 0 || absSeconds !== 0) {
      out += `:${pad2(absMinutes)}`;
      if (absSeconds !== 0) out += `:${pad2(absSeconds)}`;
    }
  }
  return out;
}

/** InstantPrinterParser with fractionalDigits -2 (DateTimeFormatter.ISO_INSTANT). */
function printInstant(m: Moment, _element: InstantElement): string {
  const utc = new Date(m.epochMs);
  const year = utc.getUTCFullYear();
  const yearText =
    year > 9999 ? `+${year}` : year < 0 ? `-${String(-year).padStart(4, "0")}` : String(year).padStart(4, "0");
  const time = `${pad2(utc.getUTCHours())}:${pad2(utc.getUTCMinutes())}:${pad2(utc.getUTCSeconds())}`;
  let fraction = "";
  if (m.nano > 0) {
    const digits = String(m.nano).padStart(9, "0");
    fraction = `.${m.nano % 1_000_000 === 0 ? digits.slice(0, 3) : m.nano % 1000 === 0 ? digits.slice(0, 6) : digits}`;
  }
  return `${yearText}-${pad2(utc.getUTCMonth() + 1)}-${pad2(utc.getUTCDate())}T${time}${fraction}Z`;
}

/** Prints one element; null when a field is unavailable (only a region id of an offset zone). */
function printElement(element: Element, ctx: PrintContext): string | null {
  const m = ctx.moment;
  switch (element.kind) {
    case "value":
      return printNumber(
        element.field,
        fieldValue(m, element.field, ctx.weeks),
        element.min,
        element.max,
        element.sign,
      );
    case "reduced":
      return printReduced(element, fieldValue(m, element.field, ctx.weeks));
    case "fraction":
      return printFraction(element, m.nano);
    case "week":
      return printElement(weekPrinter(element), ctx);
    case "text": {
      const v = fieldValue(m, element.field, ctx.weeks);
      return element.fixed?.[v] ?? fieldText(element.field, v, element.style, ctx.locale);
    }
    case "literal":
      return element.text;
    case "offset":
      return printOffset(m.offsetSeconds, element.type, element.noOffsetText);
    case "localized-offset":
      return printLocalizedOffset(m.offsetSeconds, element.full, ctx.locale);
    case "zone-id":
      return element.regionOnly && ctx.zone.isOffset ? null : ctx.zone.id;
    case "zone-text":
      return zoneText(ctx.zone, m.epochMs, m.offsetSeconds, ctx.locale, element.style);
    case "day-period":
      return dayPeriodText(m.hour, m.minute, element.width, ctx.locale);
    case "instant":
      return printInstant(m, element);
    case "optional": {
      const printed = printElements(element.elements, ctx);
      return printed ?? "";
    }
    case "pad": {
      const inner = printElement(element.element, ctx);
      if (inner === null) return null;
      if (inner.length > element.width) {
        throw dateTimeError(
          `Cannot print as output of ${inner.length} characters exceeds pad width of ${element.width}`,
        );
      }
      return element.char.repeat(element.width - inner.length) + inner;
    }
    case "setting":
      return "";
  }
}

function printElements(elements: readonly Element[], ctx: PrintContext): string | null {
  let out = "";
  for (const element of elements) {
    const printed = printElement(element, ctx);
    if (printed === null) return null;
    out += printed;
  }
  return out;
}

/** Prints a compiled format. */
export function printCompiled(
  format: CompiledFormat,
  zdt: Temporal.ZonedDateTime,
  locale: string,
  zone?: JavaZone,
): string {
  const ctx: PrintContext = {
    moment: momentOf(zdt),
    zone: zone ?? zoneOfTemporal(zdt.timeZoneId),
    locale,
    weeks: weekRules(locale),
  };
  return printElements(format.elements, ctx) ?? "";
}

function isUsEnglish(locale: string): boolean {
  try {
    const parsed = new Intl.Locale(locale);
    return parsed.language === "en" && (parsed.region === undefined || parsed.region === "US");
  } catch {
    return false;
  }
}

/**
 * DateTimeFormatter.ofLocalizedDateTime(style): en_US uses the JDK 21 (CLDR 42) patterns; other
 * locales use Intl's CLDR data, with Java's zone names.
 */
function printLocalized(style: LocalizedStyle, zdt: Temporal.ZonedDateTime, locale: string, zone: JavaZone): string {
  if (isUsEnglish(locale)) return printCompiled(compileCached(EN_US_STYLE_PATTERNS[style]), zdt, locale, zone);
  const m = momentOf(zdt);
  const local = new Date(0);
  local.setUTCFullYear(m.year, m.month - 1, m.day);
  local.setUTCHours(m.hour, m.minute, m.second, Math.floor(m.nano / 1_000_000));
  const parts = intlFormat(locale, { dateStyle: style, timeStyle: style, timeZone: "UTC" }).formatToParts(local);
  const english = isEnglish(locale);
  return parts
    .map((p, i) => {
      if (p.type === "timeZoneName") {
        return zoneText(zone, m.epochMs, m.offsetSeconds, locale, style === "full" ? "long" : "short");
      }
      if (english && p.type === "literal") {
        if (p.value === " " && parts[i + 1]?.type === "dayPeriod") return "\u202F";
        if (p.value === " at ") return ", ";
      }
      return p.value;
    })
    .join("");
}

/**
 * Formats a date-time with a Kestra format: a localized style (`short`, `medium`, `long`,
 * `full`), a named formatter (`iso`, `iso_sec`, `sql`, `sql_seq`, `iso_*`,
 * `rfc_1123_date_time`) or a Java DateTimeFormatter pattern. The date-time is printed in its own
 * zone; `zone` overrides the Java zone id printed when it differs from the Temporal one.
 */
export function formatDate(zdt: Temporal.ZonedDateTime, format: string, locale: string, zone?: JavaZone): string {
  const compiled = kestraFormat(format);
  const javaZone = zone ?? zoneOfTemporal(zdt.timeZoneId);
  if ("style" in compiled) return printLocalized(compiled.style, zdt, locale, javaZone);
  return printCompiled(compiled, zdt, locale, javaZone);
}

/** Formats with a Java DateTimeFormatter pattern only (no Kestra names). */
export function formatJavaPattern(zdt: Temporal.ZonedDateTime, pattern: string, locale: string): string {
  return printCompiled(compileCached(pattern), zdt, locale);
}
