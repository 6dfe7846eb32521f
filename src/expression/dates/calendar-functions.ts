/**
 * Shared logic of the calendar functions Kestra 1.x added (dayOfWeek, dayOfMonth, monthOfYear,
 * hourOfDay, isWeekend, isDayWeekInMonth): the `date` argument is turned into a string (Java
 * toString) and parsed as an ISO local date, else as an ISO zoned date-time whose local date is
 * kept (DateUtils.parseLocalDate).
 */
import type { Temporal } from "temporal-polyfill";
import { argumentError } from "../errors.js";
import { type Args, type CallContext, defineFunction, type FunctionDefinition } from "../extension.js";
import { javaString } from "../values.js";
import { parseLocalDate, parseLocalDateTime, parseZonedDateTime } from "./java-parse.js";
import { ISO_FORMATS } from "./java-pattern.js";

export const DAY_NAMES = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"] as const;

/** A required argument: `The 'name()' function expects a 'arg' argument.` when null or absent. */
export function requiredArg(functionName: string, args: Args, name: string): unknown {
  const value = args[name];
  if (value === null || value === undefined) {
    throw argumentError(`The '${functionName}()' function expects a '${name}' argument.`);
  }
  return value;
}

/** DateUtils.parseLocalDate(value.toString()), with the function's error message. */
export function localDateArg(functionName: string, value: unknown, locale: string): Temporal.PlainDate {
  const text = javaString(value);
  try {
    return parseLocalDate(text, ISO_FORMATS.iso_local_date, locale);
  } catch {
    // DateUtils falls back to a zoned date-time
  }
  try {
    return parseZonedDateTime(text, ISO_FORMATS.iso_zoned_date_time, locale).zdt.toPlainDate();
  } catch (error) {
    throw argumentError(
      `The '${functionName}()' function could not parse 'date': java.time.format.DateTimeParseException: ${(error as Error).message}`,
    );
  }
}

/** The hour of an ISO zoned date-time string, else of an ISO local date-time string (as written). */
export function hourOfDateTime(functionName: string, value: unknown, locale: string): number {
  const text = javaString(value);
  try {
    return parseZonedDateTime(text, ISO_FORMATS.iso_zoned_date_time, locale).zdt.hour;
  } catch {
    // try a local date-time
  }
  try {
    return parseLocalDateTime(text, ISO_FORMATS.iso_local_date_time, locale).hour;
  } catch (error) {
    throw argumentError(`The '${functionName}()' function could not parse 'date': ${(error as Error).message}`);
  }
}

/** An upper-cased java.time.DayOfWeek name, as ISO day number (1 = Monday). */
export function dayOfWeekArg(functionName: string, value: unknown): number {
  const name = javaString(value).toUpperCase();
  const index = (DAY_NAMES as readonly string[]).indexOf(name);
  if (index < 0) {
    throw argumentError(
      `The '${functionName}()' function received an invalid 'dayOfWeek' value: '${javaString(value)}'. Expected one of: ${DAY_NAMES.join(", ")}.`,
    );
  }
  return index + 1;
}

/** A function of one `date` argument computed on its local date. */
export function defineLocalDateFunction(
  name: string,
  compute: (date: Temporal.PlainDate, args: Args, context: CallContext) => unknown,
  extraArgs: readonly string[] = [],
): FunctionDefinition {
  return defineFunction({
    name,
    args: ["date", ...extraArgs],
    call: (args, context) => {
      const value = requiredArg(name, args, "date");
      for (const extra of extraArgs) requiredArg(name, args, extra);
      return compute(localDateArg(name, value, context.locale), args, context);
    },
  });
}
