/**
 * java.time's ISO formatters (DateTimeFormatter.ISO_LOCAL_TIME, ISO_LOCAL_DATE_TIME,
 * ISO_OFFSET_DATE_TIME, ISO_ZONED_DATE_TIME), which Jackson and the Ion module use. Unlike
 * the types' toString (what `{{ date }}` prints), they always print seconds and print the
 * fraction with as many digits as needed (not in groups of three).
 */
import { Temporal } from "temporal-polyfill";
import { temporalString } from "../../values.js";

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

/** ISO_LOCAL_DATE: four-digit year, `+` beyond 9999. */
export function isoLocalDate(date: Temporal.PlainDate): string {
  const year = date.year;
  const yearText = year > 9999 ? `+${year}` : year < 0 ? `-${pad(-year, 4)}` : pad(year, 4);
  return `${yearText}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** ISO_LOCAL_TIME: HH:mm:ss plus a fraction with trailing zeros removed. */
export function isoLocalTime(time: Temporal.PlainTime): string {
  const nanos = time.millisecond * 1_000_000 + time.microsecond * 1_000 + time.nanosecond;
  const fraction = nanos === 0 ? "" : `.${pad(nanos, 9).replace(/0+$/, "")}`;
  return `${pad(time.hour, 2)}:${pad(time.minute, 2)}:${pad(time.second, 2)}${fraction}`;
}

export function isoLocalDateTime(value: Temporal.PlainDateTime): string {
  return `${isoLocalDate(value.toPlainDate())}T${isoLocalTime(value.toPlainTime())}`;
}

/** ISO_OFFSET_DATE_TIME: the offset as `Z` or `+HH:MM`. */
export function isoOffsetDateTime(value: Temporal.ZonedDateTime): string {
  const offset = value.offset === "+00:00" ? "Z" : value.offset;
  return `${isoLocalDateTime(value.toPlainDateTime())}${offset}`;
}

/** Whether a zone id names a region (Europe/Paris, UTC) rather than a fixed offset. */
function isRegion(zone: string): boolean {
  return zone !== "Z" && !/^[+-]\d\d(:?\d\d)*$/.test(zone);
}

/** ISO_ZONED_DATE_TIME: offset date-time plus `[region]` for region zones. */
export function isoZonedDateTime(value: Temporal.ZonedDateTime): string {
  const zone = value.timeZoneId;
  return `${isoOffsetDateTime(value)}${isRegion(zone) ? `[${zone}]` : ""}`;
}

/** How Jackson (JavaTimeModule, dates not as timestamps, no context time zone) writes a date. */
export function jacksonDateString(value: unknown): string {
  if (value instanceof Temporal.ZonedDateTime) return isoOffsetDateTime(value);
  if (value instanceof Temporal.PlainDateTime) return isoLocalDateTime(value);
  if (value instanceof Temporal.PlainDate) return isoLocalDate(value);
  if (value instanceof Temporal.PlainTime) return isoLocalTime(value);
  return temporalString(value);
}
