/**
 * Turning a filter input into a ZonedDateTime the way Kestra's AbstractDate.convert does:
 * java.util.Date / Instant → in the zone; LocalDateTime → in the zone; LocalDate → at 12:00 in
 * the zone; ZonedDateTime → unchanged; Long → epoch seconds; anything else is cast to String
 * (a ClassCastException for other types) and parsed as ZonedDateTime, then LocalDateTime, then
 * LocalDate at the start of the day, with `existingFormat` when given.
 */
import { Temporal } from "temporal-polyfill";
import { ExpressionError } from "../errors.js";
import { isNumber, javaClassName, numberKind } from "../values.js";
import { parseLocalDate, parseLocalDateTime, parseZonedDateTime } from "./java-parse.js";
import { type CompiledFormat, compileCached, EN_US_STYLE_PATTERNS, ISO_FORMATS, kestraFormat } from "./java-pattern.js";
import { dateTimeError, type JavaZone, zoneOf, zoneOfTemporal } from "./zones.js";

/** A ZonedDateTime with its Java zone id (which Temporal may not spell the same way). */
export interface JavaZonedDateTime {
  readonly zdt: Temporal.ZonedDateTime;
  readonly zone: JavaZone;
}

function javaClass(value: unknown): string {
  if (value instanceof Date) return "java.util.Date";
  if (value instanceof Map) return "java.util.HashMap";
  return javaClassName(value);
}

/** The ClassCastException Java raises for `(Target) value`. */
export function classCastError(value: unknown, target: string): ExpressionError {
  const source = javaClass(value);
  return new ExpressionError(
    "expression.type",
    `class ${source} cannot be cast to class ${target} (${source} and ${target} are in module java.base of loader 'bootstrap')`,
  );
}

/** `(String) value`: null stays null, a non-string is a ClassCastException. */
export function castString(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string") return value;
  throw classCastError(value, "java.lang.String");
}

/** AbstractDate.zoneId: the named zone, or the server default. */
export function zoneArg(timeZone: string | undefined, defaultZone: string): JavaZone {
  return zoneOf(timeZone ?? defaultZone);
}

/** Wraps Temporal's range errors (java.time supports years up to ±999999999, Temporal ±271821). */
function inRange<T>(compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof RangeError) throw dateTimeError(`Date-time out of the supported range: ${error.message}`);
    throw error;
  }
}

function at(zdt: Temporal.ZonedDateTime, zone: JavaZone): JavaZonedDateTime {
  return { zdt, zone };
}

/** Instant.ofEpochSecond(seconds).atZone(zone). */
export function fromEpochSecond(seconds: bigint, zone: JavaZone): JavaZonedDateTime {
  return inRange(() =>
    at(Temporal.Instant.fromEpochNanoseconds(seconds * 1_000_000_000n).toZonedDateTimeISO(zone.temporal), zone),
  );
}

/** ZonedDateTime.of(localDateTime, zone): overlaps take the earlier offset, gaps move forward. */
export function atZone(local: Temporal.PlainDateTime, zone: JavaZone): JavaZonedDateTime {
  return inRange(() => at(local.toZonedDateTime(zone.temporal, { disambiguation: "compatible" }), zone));
}

/** The parsing formatter of an `existingFormat` (localized styles parse with the en_US patterns). */
function parsingFormat(existingFormat: string | undefined): CompiledFormat {
  if (existingFormat === undefined) return ISO_FORMATS.iso_zoned_date_time;
  const format = kestraFormat(existingFormat);
  return "style" in format ? compileCached(EN_US_STYLE_PATTERNS[format.style]) : format;
}

/** The string branch of AbstractDate.convert. */
export function parseDateString(
  text: string,
  zone: JavaZone,
  existingFormat: string | undefined,
  locale: string,
): JavaZonedDateTime {
  const format = parsingFormat(existingFormat);
  try {
    return parseZonedDateTime(text, format, locale);
  } catch {
    // fall through to LocalDateTime
  }
  const localFormat = existingFormat === undefined ? ISO_FORMATS.iso_local_date_time : format;
  try {
    return atZone(parseLocalDateTime(text, localFormat, locale), zone);
  } catch {
    // fall through to LocalDate
  }
  const dateFormat = existingFormat === undefined ? ISO_FORMATS.iso_local_date : format;
  let date: Temporal.PlainDate;
  try {
    date = parseLocalDate(text, dateFormat, locale);
  } catch (error) {
    throw dateTimeError((error as Error).message);
  }
  return atZone(date.toPlainDateTime(), zone);
}

/** AbstractDate.convert(value, zoneId, existingFormat). */
export function toZonedDateTime(
  value: unknown,
  zone: JavaZone,
  existingFormat: string | undefined,
  locale: string,
): JavaZonedDateTime {
  if (value instanceof Date) {
    return inRange(() =>
      at(Temporal.Instant.fromEpochMilliseconds(value.getTime()).toZonedDateTimeISO(zone.temporal), zone),
    );
  }
  if (value instanceof Temporal.Instant) return inRange(() => at(value.toZonedDateTimeISO(zone.temporal), zone));
  if (value instanceof Temporal.PlainDateTime) return atZone(value, zone);
  if (value instanceof Temporal.PlainDate) return atZone(value.toPlainDateTime({ hour: 12 }), zone);
  if (value instanceof Temporal.ZonedDateTime) return at(value, zoneOfTemporal(value.timeZoneId));
  if (isNumber(value) && numberKind(value) === "Long") {
    return fromEpochSecond(typeof value === "bigint" ? value : BigInt(value as number), zone);
  }
  const text = castString(value);
  if (text === undefined) throw dateTimeError("java.lang.NullPointerException: text");
  return parseDateString(text, zone, existingFormat, locale);
}
