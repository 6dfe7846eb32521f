/**
 * What condition plugins share: the error a condition throws when it cannot be evaluated,
 * typed rendering of a `Property<T>` (render, then read with the property's schema), and
 * java.time's parsing of the dates they test (Kestra's DateUtils): ZonedDateTime.parse,
 * LocalDate.parse falling back to the date of a ZonedDateTime, OffsetTime.parse.
 */
import type { Temporal } from "temporal-polyfill";
import type { z } from "zod";
import { parseLocalDate, parseZonedDateTime } from "../expression/dates/java-parse.js";
import { ISO_FORMATS } from "../expression/dates/java-pattern.js";
import type { ConditionContext } from "../plugin/define.js";
import { messageOf } from "../util/errors.js";

export type ConditionErrorCode =
  /** The condition cannot be evaluated here: Kestra counts it as false (and logs a warning). */
  | "condition.invalid"
  /** Tern cannot evaluate this condition at all (no holiday calendars...): refused, never false. */
  | "condition.unsupported";

export class ConditionError extends Error {
  readonly code: ConditionErrorCode;
  constructor(code: ConditionErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = "ConditionError";
  }
}

/** `Property<T>.as(T)`: the value rendered (typed when one expression), then read with `schema`. */
export async function renderAs<S extends z.ZodType>(
  schema: S,
  value: unknown,
  context: ConditionContext,
  extra?: Readonly<Record<string, unknown>>,
): Promise<z.output<S> | undefined> {
  if (value === undefined || value === null) return undefined;
  const rendered = await context.render(value, extra);
  const parsed = schema.safeParse(rendered);
  if (!parsed.success) {
    const why = parsed.error.issues[0]?.message ?? "invalid value";
    throw new ConditionError("condition.invalid", `Cannot read ${JSON.stringify(rendered)}: ${why}`);
  }
  return parsed.data;
}

/** A string property rendered to text (Property<String>); non-strings are their text. */
export async function renderText(value: unknown, context: ConditionContext): Promise<string | undefined> {
  if (value === undefined || value === null) return undefined;
  return typeof value === "string" ? context.renderString(value) : String(value);
}

const LOCALE = "en-US";

/** java.time's DateTimeParseException text, as a condition error. */
function unparsable(error: unknown): ConditionError {
  return new ConditionError("condition.invalid", messageOf(error));
}

/** ZonedDateTime.parse (ISO_ZONED_DATE_TIME): an offset is required, a `[zone]` is optional. */
export function parseZoned(text: string): Temporal.ZonedDateTime {
  try {
    return parseZonedDateTime(text, ISO_FORMATS.iso_zoned_date_time, LOCALE).zdt;
  } catch (error) {
    throw unparsable(error);
  }
}

/** DateUtils.parseLocalDate: an ISO date, else the date of a ZonedDateTime in its own zone. */
export function parseDate(text: string): Temporal.PlainDate {
  try {
    return parseLocalDate(text, ISO_FORMATS.iso_local_date, LOCALE);
  } catch {
    return parseZoned(text).toPlainDate();
  }
}

/** A time with its offset (java.time.OffsetTime), as nanoseconds of the day and the offset. */
export interface OffsetTime {
  readonly nanoOfDay: bigint;
  readonly offsetSeconds: number;
}

const OFFSET_TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2}(?::\d{2})?)$/;

/** OffsetTime.parse (ISO_OFFSET_TIME): `16:19:12+02:00`, `08:00Z`. */
export function parseOffsetTime(text: string): OffsetTime {
  const match = OFFSET_TIME.exec(text);
  const [hour, minute, second] = [match?.[1], match?.[2], match?.[3] ?? "0"].map(Number) as [number, number, number];
  if (!match || hour > 23 || minute > 59 || second > 59) {
    throw new ConditionError("condition.invalid", `Text '${text}' could not be parsed as a time with an offset`);
  }
  const nanos = BigInt((match[4] ?? "").padEnd(9, "0") || "0");
  return {
    nanoOfDay: BigInt(hour * 3600 + minute * 60 + second) * 1_000_000_000n + nanos,
    offsetSeconds: offsetSeconds(match[5] ?? "Z"),
  };
}

function offsetSeconds(text: string): number {
  if (text === "Z") return 0;
  const [h, m, s] = text.slice(1).split(":").map(Number) as [number, number, number | undefined];
  const seconds = h * 3600 + m * 60 + (s ?? 0);
  return text.startsWith("-") ? -seconds : seconds;
}

/** ZonedDateTime.toOffsetDateTime().toOffsetTime(): the local time and the offset at that instant. */
export function offsetTimeOf(date: Temporal.ZonedDateTime): OffsetTime {
  const time = date.toPlainTime();
  const seconds = time.hour * 3600 + time.minute * 60 + time.second;
  const nanos = time.millisecond * 1_000_000 + time.microsecond * 1000 + time.nanosecond;
  return {
    nanoOfDay: BigInt(seconds) * 1_000_000_000n + BigInt(nanos),
    offsetSeconds: Math.round(date.offsetNanoseconds / 1e9),
  };
}

/** OffsetTime.compareTo's instant order: the times brought to the same date, then compared. */
export function compareOffsetTimes(a: OffsetTime, b: OffsetTime): number {
  const instant = (t: OffsetTime) => t.nanoOfDay - BigInt(t.offsetSeconds) * 1_000_000_000n;
  const diff = instant(a) - instant(b);
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
}

/** Kestra's DayOfWeek names in ISO order (Monday is 1, as Temporal's dayOfWeek). */
export const DAYS_OF_WEEK = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"] as const;

/** The ISO day number (1..7) of a day name. */
export function isoDay(day: string): number {
  return DAYS_OF_WEEK.indexOf(day as (typeof DAYS_OF_WEEK)[number]) + 1;
}

/** The execution a condition looks at, or Kestra's error when there is none. */
export function requireExecution(context: ConditionContext): NonNullable<ConditionContext["execution"]> {
  if (!context.execution) throw new ConditionError("condition.invalid", "Invalid condition with null execution");
  return context.execution;
}
