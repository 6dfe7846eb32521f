/**
 * java.time parsing as Kestra's inputs do it, with java.time's error messages:
 *   - `Instant.parse` (ISO_INSTANT: case-insensitive, seconds required, fraction up to 9
 *     digits, offset `Z` or `+HH:MM[:ss]`, `24:00:00` and the leap second `23:59:60` accepted);
 *   - `LocalDate.parse` (ISO_LOCAL_DATE, STRICT resolver: `Invalid date 'FEBRUARY 30'`);
 *   - `LocalTime.parse` (ISO_LOCAL_TIME: `HH:mm[:ss[.fraction]]`, STRICT);
 *   - `Duration.parse` and `Duration.toString` (`PT5M6S`, days become hours: `P1D` → `PT24H`).
 * Failures are JavaFailures of class DateTimeParseException, whose messages read
 * `Text '…' could not be parsed at index N` and the like.
 */

import { Temporal } from "temporal-polyfill";
import { MONTH_NAMES } from "../expression/dates/calendar.js";
import { JavaFailure } from "./java.js";

const PARSE_EXCEPTION = "java.time.format.DateTimeParseException";

/** DateTimeFormatter abbreviates the text of its messages to 64 characters. */
function quoted(text: string): string {
  return text.length > 64 ? `${text.slice(0, 64)}...` : text;
}

function failAt(text: string, index: number): JavaFailure {
  return new JavaFailure(`Text '${quoted(text)}' could not be parsed at index ${index}`, PARSE_EXCEPTION);
}

function failResolving(text: string, detail: string): JavaFailure {
  return new JavaFailure(`Text '${quoted(text)}' could not be parsed: ${detail}`, PARSE_EXCEPTION);
}

/** A parse position that failed: the index DateTimeFormatter reports. */
class Miss {
  constructor(readonly index: number) {}
}

/** Java's printer-parsers over one text: each step advances `pos` or throws a Miss at the index Java reports. */
class Cursor {
  pos = 0;
  constructor(
    readonly text: string,
    private readonly caseInsensitive: boolean,
  ) {}

  private digitAt(index: number): number {
    const code = this.text.charCodeAt(index);
    return code >= 0x30 && code <= 0x39 ? code - 0x30 : -1;
  }

  /** appendValue(field, width): exactly `width` ASCII digits, no sign. */
  fixed(width: number): number {
    const start = this.pos;
    if (start + width > this.text.length) throw new Miss(start);
    let value = 0;
    for (let i = 0; i < width; i++) {
      const digit = this.digitAt(start + i);
      if (digit < 0) throw new Miss(start);
      value = value * 10 + digit;
    }
    this.pos = start + width;
    return value;
  }

  /** appendValue(YEAR, 4, 10, SignStyle.EXCEEDS_PAD) in strict mode. */
  year(): number {
    const signIndex = this.pos;
    if (signIndex >= this.text.length) throw new Miss(signIndex);
    const sign = this.text[signIndex];
    const positive = sign === "+";
    const negative = sign === "-";
    const start = positive || negative ? signIndex + 1 : signIndex;
    if (start + 4 > this.text.length) throw new Miss(start);
    let pos = start;
    let value = 0;
    while (pos < this.text.length && pos < start + 10) {
      const digit = this.digitAt(pos);
      if (digit < 0) break;
      value = value * 10 + digit;
      pos++;
    }
    const length = pos - start;
    if (length < 4) throw new Miss(start);
    if (negative && value === 0) throw new Miss(signIndex);
    if (positive && length <= 4) throw new Miss(signIndex);
    if (!positive && !negative && length > 4) throw new Miss(start);
    this.pos = pos;
    return negative ? -value : value;
  }

  literal(char: string): void {
    const actual = this.text[this.pos];
    const matches =
      actual === char || (this.caseInsensitive && actual !== undefined && actual.toUpperCase() === char.toUpperCase());
    if (!matches) throw new Miss(this.pos);
    this.pos++;
  }

  /** Whether the next character is `char` (without consuming it). */
  peek(char: string): boolean {
    return this.text[this.pos] === char;
  }

  /** appendFraction(NANO_OF_SECOND, 0, 9, true): an optional `.` and up to 9 digits, as nanoseconds. */
  fraction(): number {
    if (!this.peek(".")) return 0;
    this.pos++;
    let digits = "";
    while (digits.length < 9) {
      const digit = this.digitAt(this.pos);
      if (digit < 0) break;
      digits += String(digit);
      this.pos++;
    }
    return digits === "" ? 0 : Number(digits.padEnd(9, "0"));
  }

  /** appendOffsetId(): `Z`, or `+HH:MM` with optional `:ss`; the offset in seconds. */
  offset(): number {
    const start = this.pos;
    if (start >= this.text.length) throw new Miss(start);
    const first = this.text[start] ?? "";
    if (first === "Z" || (this.caseInsensitive && first === "z")) {
      this.pos++;
      return 0;
    }
    if (first !== "+" && first !== "-") throw new Miss(start);
    this.pos = start + 1;
    // OffsetIdPrinterParser.parseDigits: two digits (after a colon for minutes and seconds), at most 59.
    const two = (colon: boolean): number | undefined => {
      const at = this.pos + (colon ? 1 : 0);
      if (colon && this.text[this.pos] !== ":") return undefined;
      const tens = this.digitAt(at);
      const units = this.digitAt(at + 1);
      if (tens < 0 || units < 0 || tens * 10 + units > 59) return undefined;
      this.pos = at + 2;
      return tens * 10 + units;
    };
    const hours = two(false);
    const minutes = hours === undefined ? undefined : two(true);
    if (hours === undefined || minutes === undefined) throw new Miss(start);
    const seconds = two(true) ?? 0;
    if (hours > 23) throw new RangeError("Value out of range: Hour[0-23], Minute[0-59], Second[0-59]");
    return (first === "-" ? -1 : 1) * (hours * 3600 + minutes * 60 + seconds);
  }

  /** Runs an optional section: on a miss the position goes back and the section is skipped. */
  optional(section: () => void): void {
    const saved = this.pos;
    try {
      section();
    } catch (miss) {
      if (!(miss instanceof Miss)) throw miss;
      this.pos = saved;
    }
  }
}

/** Parses the whole text with `parse`, turning misses and leftovers into Java's messages. */
function parseWhole<T>(text: string, caseInsensitive: boolean, parse: (cursor: Cursor) => T): T {
  const cursor = new Cursor(text, caseInsensitive);
  let fields: T;
  try {
    fields = parse(cursor);
  } catch (error) {
    if (error instanceof Miss) throw failAt(text, error.index);
    if (error instanceof RangeError) throw failResolving(text, error.message);
    throw error;
  }
  if (cursor.pos < text.length) {
    throw new JavaFailure(
      `Text '${quoted(text)}' could not be parsed, unparsed text found at index ${cursor.pos}`,
      PARSE_EXCEPTION,
    );
  }
  return fields;
}

interface DateFields {
  year: number;
  month: number;
  day: number;
}

function dateFields(cursor: Cursor): DateFields {
  const year = cursor.year();
  cursor.literal("-");
  const month = cursor.fixed(2);
  cursor.literal("-");
  const day = cursor.fixed(2);
  return { year, month, day };
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** ValueRange.checkValidValue's message. */
function checkRange(field: string, value: number, min: number, max: number, maxText = String(max)): void {
  if (value < min || value > max)
    throw new RangeError(`Invalid value for ${field} (valid values ${min} - ${maxText}): ${value}`);
}

/** The STRICT checks of LocalDate.of: field ranges, then the day of that month. */
function checkDate({ year, month, day }: DateFields): void {
  checkRange("MonthOfYear", month, 1, 12);
  checkRange("DayOfMonth", day, 1, 31, "28/31");
  const last = daysInMonth(year, month);
  if (day > last) {
    throw new RangeError(
      day === 29
        ? `Invalid date 'February 29' as '${year}' is not a leap year`
        : `Invalid date '${MONTH_NAMES[month - 1] ?? ""} ${day}'`,
    );
  }
}

function resolving<T>(text: string, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof RangeError) throw failResolving(text, error.message);
    throw error;
  }
}

/** `LocalDate.parse(text)`. */
export function parseLocalDate(text: string): Temporal.PlainDate {
  const fields = parseWhole(text, false, dateFields);
  return resolving(text, () => {
    checkRange("Year", fields.year, -999_999_999, 999_999_999);
    checkDate(fields);
    return Temporal.PlainDate.from(fields, { overflow: "reject" });
  });
}

interface TimeFields {
  hour: number;
  minute: number;
  second: number;
  nanos: number;
}

/** `LocalTime.parse(text)`. */
export function parseLocalTime(text: string): Temporal.PlainTime {
  const fields = parseWhole(text, false, (cursor): TimeFields => {
    const hour = cursor.fixed(2);
    cursor.literal(":");
    const minute = cursor.fixed(2);
    const time: TimeFields = { hour, minute, second: 0, nanos: 0 };
    cursor.optional(() => {
      cursor.literal(":");
      time.second = cursor.fixed(2);
      time.nanos = cursor.fraction();
    });
    return time;
  });
  return resolving(text, () => {
    checkRange("MinuteOfHour", fields.minute, 0, 59);
    checkRange("HourOfDay", fields.hour, 0, 23);
    checkRange("SecondOfMinute", fields.second, 0, 59);
    return Temporal.PlainTime.from(timeUnits(fields));
  });
}

function timeUnits({ hour, minute, second, nanos }: TimeFields) {
  return {
    hour,
    minute,
    second,
    millisecond: Math.floor(nanos / 1_000_000),
    microsecond: Math.floor(nanos / 1_000) % 1_000,
    nanosecond: nanos % 1_000,
  };
}

/** `Instant.parse(text)` (ISO_INSTANT as parsed since JDK 12: offsets other than `Z` are accepted). */
export function parseInstant(text: string): Temporal.Instant {
  const fields = parseWhole(text, true, (cursor) => {
    const date = dateFields(cursor);
    cursor.literal("T");
    const hour = cursor.fixed(2);
    cursor.literal(":");
    const minute = cursor.fixed(2);
    cursor.literal(":");
    const second = cursor.fixed(2);
    const nanos = cursor.fraction();
    const offset = cursor.offset();
    return { date, time: { hour, minute, second, nanos }, offset };
  });
  const { date, time, offset } = fields;
  let extraDays = 0;
  if (time.hour === 24 && time.minute === 0 && time.second === 0 && time.nanos === 0) {
    time.hour = 0;
    extraDays = 1;
  } else if (time.hour === 23 && time.minute === 59 && time.second === 60) {
    time.second = 59;
  }
  try {
    // LocalDateTime.of failing makes the whole parse fail at index 0.
    if (time.hour > 23 || time.minute > 59 || time.second > 59) throw new RangeError("time");
    checkDate(date);
    const local = Temporal.PlainDateTime.from({ ...date, ...timeUnits(time) }, { overflow: "reject" });
    return local
      .toZonedDateTime("UTC")
      .toInstant()
      .add({ hours: 24 * extraDays, seconds: -offset });
  } catch (error) {
    if (error instanceof RangeError) throw failAt(text, 0);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Durations

const NANOS_PER_SECOND = 1_000_000_000n;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

const DURATION =
  /^([-+]?)[pP](?:([-+]?[0-9]+)[dD])?([tT](?:([-+]?[0-9]+)[hH])?(?:([-+]?[0-9]+)[mM])?(?:([-+]?[0-9]+)(?:[.,]([0-9]{0,9}))?[sS])?)?$/;

function durationFailure(detail?: string): JavaFailure {
  return new JavaFailure(`Text cannot be parsed to a Duration${detail ? `: ${detail}` : ""}`, PARSE_EXCEPTION);
}

function exact(value: bigint, detail: string): bigint {
  if (value < LONG_MIN || value > LONG_MAX) throw durationFailure(detail);
  return value;
}

function durationPart(text: string | undefined, multiplier: bigint, detail: string): bigint {
  if (text === undefined) return 0n;
  const value = exact(BigInt(text), detail);
  return exact(value * multiplier, detail);
}

/** `Duration.parse(text)`. */
export function parseDuration(text: string): Temporal.Duration {
  const match = DURATION.exec(text);
  // A `T` with no time part after it is refused, as is a `P` with nothing at all.
  const parts = match ? [match[2], match[4], match[5], match[6]] : [];
  if (!match || match[3]?.length === 1 || parts.every((part) => part === undefined)) {
    throw durationFailure();
  }
  const [, sign, days, , hours, minutes, seconds, fraction] = match;
  const daySeconds = durationPart(days, 86_400n, "days");
  const hourSeconds = durationPart(hours, 3_600n, "hours");
  const minuteSeconds = durationPart(minutes, 60n, "minutes");
  const wholeSeconds = durationPart(seconds, 1n, "seconds");
  const fractionNanos = fraction ? BigInt(fraction.padEnd(9, "0")) : 0n;
  const nanos = seconds?.startsWith("-") ? -fractionNanos : fractionNanos;
  const total = exact(
    daySeconds + exact(hourSeconds + exact(minuteSeconds + wholeSeconds, "overflow"), "overflow"),
    "overflow",
  );
  let totalNanos = total * NANOS_PER_SECOND + nanos;
  if (sign === "-") totalNanos = -totalNanos;
  return durationOfNanos(totalNanos);
}

/** A Temporal.Duration in hours, minutes, seconds and sub-seconds (Java keeps no days). */
export function durationOfNanos(totalNanos: bigint): Temporal.Duration {
  const negative = totalNanos < 0n;
  let rest = negative ? -totalNanos : totalNanos;
  const part = (unit: bigint): number => {
    const value = rest / unit;
    rest %= unit;
    return negative ? -Number(value) : Number(value);
  };
  const hours = part(3_600n * NANOS_PER_SECOND);
  const minutes = part(60n * NANOS_PER_SECOND);
  const seconds = part(NANOS_PER_SECOND);
  const milliseconds = part(1_000_000n);
  const microseconds = part(1_000n);
  const nanoseconds = part(1n);
  try {
    return Temporal.Duration.from({ hours, minutes, seconds, milliseconds, microseconds, nanoseconds });
  } catch {
    throw durationFailure("overflow");
  }
}

/** The total length of a duration in nanoseconds (days count as 24 hours, as in Java). */
export function durationNanos(duration: Temporal.Duration): bigint {
  const big = (value: number) => BigInt(Math.trunc(value));
  return (
    ((big(duration.days) * 24n + big(duration.hours)) * 60n + big(duration.minutes)) * 60n * NANOS_PER_SECOND +
    big(duration.seconds) * NANOS_PER_SECOND +
    big(duration.milliseconds) * 1_000_000n +
    big(duration.microseconds) * 1_000n +
    big(duration.nanoseconds)
  );
}

/** Java's `Duration.ofMillis(ms).toString()`. */
export function javaDurationOfMillis(ms: number): string {
  return javaDurationString(Temporal.Duration.from({ milliseconds: ms }));
}

/** Java's `Duration.toString()`: `PT5M6S`, `PT24H`, `PT-1.5S`, `PT0S`. */
export function javaDurationString(duration: Temporal.Duration): string {
  const total = durationNanos(duration);
  if (total === 0n) return "PT0S";
  let seconds = total / NANOS_PER_SECOND;
  let nanos = total % NANOS_PER_SECOND;
  if (nanos < 0n) {
    nanos += NANOS_PER_SECOND;
    seconds -= 1n;
  }
  const effective = seconds < 0n && nanos > 0n ? seconds + 1n : seconds;
  const hours = effective / 3_600n;
  const minutes = (effective % 3_600n) / 60n;
  const secs = effective % 60n;
  let out = "PT";
  if (hours !== 0n) out += `${hours}H`;
  if (minutes !== 0n) out += `${minutes}M`;
  if (secs === 0n && nanos === 0n && out.length > 2) return out;
  out += seconds < 0n && nanos > 0n && secs === 0n ? "-0" : String(secs);
  if (nanos > 0n) {
    const digits = String(seconds < 0n ? 2n * NANOS_PER_SECOND - nanos : nanos + NANOS_PER_SECOND);
    out += `.${digits.slice(1).replace(/0+$/, "")}`;
  }
  return `${out}S`;
}
