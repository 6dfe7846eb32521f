/**
 * The logic Kestra's date filters and functions share (AbstractDate.format, the timestamp
 * conversions, ChronoUnit arithmetic), so that each definition file stays a thin wrapper.
 */
import { Temporal } from "temporal-polyfill";
import { type Args, type CallContext, defineFilter, type FilterDefinition } from "../extension.js";
import { isNumber, numberKind } from "../values.js";
import { castString, classCastError, type JavaZonedDateTime, toZonedDateTime, zoneArg } from "./convert.js";
import { formatDate } from "./java-format.js";
import { dateTimeError } from "./zones.js";

/** AbstractDate's argument names, in positional order. */
export const DATE_ARGS = ["format", "timeZone", "existingFormat", "locale"] as const;

/** The argument names of the timestamp filters. */
export const TIMESTAMP_ARGS = ["timeZone", "existingFormat"] as const;

function isLowerAlpha(s: string, lengths: readonly number[]): boolean {
  return lengths.includes(s.length) && /^[a-z]+$/.test(s);
}

function isCountry(s: string): boolean {
  return /^[A-Z]{2}$/.test(s) || /^\d{3}$/.test(s);
}

/** commons-lang3 LocaleUtils.toLocale, returned as a BCP 47 tag for Intl. */
export function toLocale(value: string): string {
  const invalid = () => dateTimeError(`Invalid locale format: ${value}`);
  if (value === "") return "und";
  if (value.includes("#") || value.length < 2) throw invalid();
  if (value.startsWith("_") || value.startsWith("-")) {
    const country = value.slice(1, 3);
    if (!/^[A-Z]{2}$/.test(country) || (value.length > 3 && value.charAt(3) !== value.charAt(0))) throw invalid();
    return `und-${country}`;
  }
  if (isLowerAlpha(value, [2, 3])) return value;
  const segments = value.split(value.includes("-") ? "-" : "_");
  const [language = "", country = "", variant] = segments;
  if (segments.length === 2 && isLowerAlpha(language, [2, 3]) && isCountry(country)) return `${language}-${country}`;
  if (
    segments.length === 3 &&
    isLowerAlpha(language, [2, 3]) &&
    (country === "" || isCountry(country)) &&
    variant !== undefined &&
    variant !== ""
  ) {
    return country === "" ? language : `${language}-${country}`;
  }
  throw invalid();
}

/** The date arguments common to the date filters, cast the way AbstractDate casts them. */
export interface DateArgs {
  readonly format: string;
  readonly timeZone: string | undefined;
  readonly existingFormat: string | undefined;
  readonly locale: string;
}

export function dateArgs(args: Args, context: CallContext): DateArgs {
  const format = args.format === undefined ? "iso" : castString(args.format);
  if (format === undefined) throw dateTimeError("java.lang.NullPointerException: pattern");
  const timeZone = castString(args.timeZone);
  const existingFormat = castString(args.existingFormat);
  let locale = context.locale;
  if (args.locale !== undefined) {
    const name = castString(args.locale);
    if (name === undefined) throw dateTimeError("java.lang.NullPointerException: locale");
    locale = toLocale(name);
  }
  return { format, timeZone, existingFormat, locale };
}

/** AbstractDate.format: converts the input, then formats it in the target zone. */
export function formatKestraDate(input: unknown, args: Args, context: CallContext): string {
  const { format, timeZone, existingFormat, locale } = dateArgs(args, context);
  const zone = zoneArg(timeZone, context.timeZone);
  const date = toZonedDateTime(input, zone, existingFormat, context.locale);
  // DateTimeFormatter.withZone: the value is printed in the target zone
  const inZone = date.zdt.timeZoneId === zone.temporal ? date.zdt : date.zdt.withTimeZone(zone.temporal);
  return formatDate(inZone, format, locale, zone);
}

/** AbstractDate.zoneId + convert with the `timeZone` and `existingFormat` arguments. */
export function convertWithArgs(input: unknown, args: Args, context: CallContext): JavaZonedDateTime {
  const timeZone = castString(args.timeZone);
  const existingFormat = castString(args.existingFormat);
  return toZonedDateTime(input, zoneArg(timeZone, context.timeZone), existingFormat, context.locale);
}

/** ZonedDateTime.toEpochSecond() and getNano(). */
export function epochParts(zdt: Temporal.ZonedDateTime): { seconds: bigint; nano: bigint } {
  const ns = zdt.epochNanoseconds;
  let seconds = ns / 1_000_000_000n;
  let nano = ns % 1_000_000_000n;
  if (nano < 0n) {
    seconds -= 1n;
    nano += 1_000_000_000n;
  }
  return { seconds, nano };
}

const LONG_MAX = 9223372036854775807n;
const LONG_MIN = -9223372036854775808n;

/** TimeUnit.SECONDS.toNanos: saturates at Long.MIN/MAX instead of overflowing. */
export function secondsToNanosSaturated(seconds: bigint): bigint {
  const nanos = seconds * 1_000_000_000n;
  if (nanos > LONG_MAX) return LONG_MAX;
  if (nanos < LONG_MIN) return LONG_MIN;
  return nanos;
}

/** A Java long addition (wraps on overflow). */
export function longAdd(a: bigint, b: bigint): bigint {
  return BigInt.asIntN(64, a + b);
}

const TIME_UNITS: Readonly<Record<string, bigint>> = {
  NANOS: 1n,
  MICROS: 1_000n,
  MILLIS: 1_000_000n,
  SECONDS: 1_000_000_000n,
  MINUTES: 60_000_000_000n,
  HOURS: 3_600_000_000_000n,
  HALF_DAYS: 43_200_000_000_000n,
};

const DATE_UNITS: Readonly<Record<string, readonly ["days" | "weeks" | "months" | "years", number]>> = {
  DAYS: ["days", 1],
  WEEKS: ["weeks", 1],
  MONTHS: ["months", 1],
  YEARS: ["years", 1],
  DECADES: ["years", 10],
  CENTURIES: ["years", 100],
  MILLENNIA: ["years", 1000],
};

/** The amount argument of dateAdd: `(Long) args.get("amount")`. */
export function longArg(value: unknown): bigint | undefined {
  if (value === null || value === undefined) return undefined;
  if (isNumber(value) && numberKind(value) === "Long")
    return typeof value === "bigint" ? value : BigInt(value as number);
  throw classCastError(value, "java.lang.Long");
}

/** ZonedDateTime.plus(amount, ChronoUnit.valueOf(unit)). */
export function plusUnit(
  date: JavaZonedDateTime,
  amount: bigint | undefined,
  unit: string | undefined,
): JavaZonedDateTime {
  if (amount === undefined) {
    throw dateTimeError(
      'java.lang.NullPointerException: Cannot invoke "java.lang.Long.longValue()" because "amount" is null',
    );
  }
  if (unit === undefined) throw dateTimeError("java.lang.NullPointerException: Name is null");
  const { zdt, zone } = date;
  const unitNanos = TIME_UNITS[unit];
  try {
    if (unitNanos !== undefined) {
      const instant = Temporal.Instant.fromEpochNanoseconds(zdt.epochNanoseconds + amount * unitNanos);
      return { zdt: instant.toZonedDateTimeISO(zdt.timeZoneId), zone };
    }
    const dateUnit = DATE_UNITS[unit];
    if (dateUnit !== undefined) {
      const [field, factor] = dateUnit;
      const local = zdt.toPlainDateTime().add({ [field]: Number(amount) * factor }, { overflow: "constrain" });
      // ZonedDateTime.resolveLocal: keep the previous offset when it is still valid
      const moved = Temporal.ZonedDateTime.from(
        {
          year: local.year,
          month: local.month,
          day: local.day,
          hour: local.hour,
          minute: local.minute,
          second: local.second,
          millisecond: local.millisecond,
          microsecond: local.microsecond,
          nanosecond: local.nanosecond,
          timeZone: zdt.timeZoneId,
          offset: zdt.offset,
        },
        { offset: "prefer", disambiguation: "compatible" },
      );
      return { zdt: moved, zone };
    }
  } catch (error) {
    if (error instanceof RangeError) throw dateTimeError(`Date-time out of the supported range: ${error.message}`);
    throw error;
  }
  if (unit === "ERAS") {
    const era = zdt.year >= 1 ? 1n : 0n;
    const newEra = era + amount;
    if (newEra < 0n || newEra > 1n) throw dateTimeError(`Invalid value for Era (valid values 0 - 1): ${newEra}`);
    if (newEra === era) return date;
    return { zdt: zdt.with({ year: 1 - zdt.year }, { overflow: "constrain" }), zone };
  }
  if (unit === "FOREVER") throw dateTimeError("Unsupported unit: Forever");
  throw dateTimeError(`No enum constant java.time.temporal.ChronoUnit.${unit}`);
}

/** A timestamp filter (`timestamp`, `timestampMilli`, `timestampMicro`, `timestampNano`). */
export function defineTimestampFilter(
  name: string,
  compute: (epoch: { seconds: bigint; nano: bigint }) => bigint | string,
): FilterDefinition {
  return defineFilter({
    name,
    args: TIMESTAMP_ARGS,
    apply: (input, args, context) =>
      input === null || input === undefined ? null : compute(epochParts(convertWithArgs(input, args, context).zdt)),
  });
}
