/**
 * The Java methods Pebble lets templates call on values (`list.size`, `s.length()`,
 * `s.toUpperCase()`): an explicit allow-list, so a template can never reach a JavaScript
 * prototype, constructor or function of a context value.
 */
import { Temporal } from "temporal-polyfill";
import { messageOf } from "../util/errors.js";
import { MONTH_NAMES } from "./dates/calendar.js";
import { ExpressionError } from "./errors.js";
import { isMap, javaEquals, javaString } from "./values.js";

const int = (n: number) => n | 0;
const str = (value: unknown) => javaString(value);

const STRING_METHODS: Readonly<Record<string, (s: string, args: readonly unknown[]) => unknown>> = {
  length: (s) => s.length,
  isEmpty: (s) => s.length === 0,
  isBlank: (s) => s.trim().length === 0,
  toUpperCase: (s) => s.toUpperCase(),
  toLowerCase: (s) => s.toLowerCase(),
  trim: (s) => s.trim(),
  strip: (s) => s.trim(),
  contains: (s, [x]) => s.includes(str(x)),
  startsWith: (s, [x]) => s.startsWith(str(x)),
  endsWith: (s, [x]) => s.endsWith(str(x)),
  indexOf: (s, [x]) => s.indexOf(str(x)),
  lastIndexOf: (s, [x]) => s.lastIndexOf(str(x)),
  charAt: (s, [i]) => s.charAt(Number(i)),
  substring: (s, [a, b]) => (b === undefined ? s.substring(Number(a)) : s.substring(Number(a), Number(b))),
  replace: (s, [a, b]) => s.split(str(a)).join(str(b)),
  equals: (s, [x]) => s === x,
  equalsIgnoreCase: (s, [x]) => typeof x === "string" && s.toLowerCase() === x.toLowerCase(),
  concat: (s, [x]) => s + str(x),
  toString: (s: string) => s,
};

const LIST_METHODS: Readonly<Record<string, (l: readonly unknown[], args: readonly unknown[]) => unknown>> = {
  size: (l) => int(l.length),
  isEmpty: (l) => l.length === 0,
  contains: (l, [x]) => l.some((e) => javaEquals(e, x)),
  get: (l, [i]) => l[Number(i)],
  indexOf: (l, [x]) => l.findIndex((e) => javaEquals(e, x)),
};

const MAP_METHODS: Readonly<Record<string, (m: Record<string, unknown>, args: readonly unknown[]) => unknown>> = {
  size: (m) => int(Object.keys(m).length),
  isEmpty: (m) => Object.keys(m).length === 0,
  containsKey: (m, [k]) => Object.hasOwn(m, str(k)),
  get: (m, [k]) => (Object.hasOwn(m, str(k)) ? m[str(k)] : null),
  keySet: (m) => Object.keys(m),
  values: (m) => Object.values(m),
};

/** java.time getters Pebble resolves as properties (`trigger.date.year`). */
const TEMPORAL_GETTERS: Readonly<Record<string, (t: Temporal.ZonedDateTime | Temporal.PlainDateTime) => unknown>> = {
  year: (t) => t.year,
  monthValue: (t) => t.month,
  dayOfMonth: (t) => t.day,
  dayOfYear: (t) => t.dayOfYear,
  hour: (t) => t.hour,
  minute: (t) => t.minute,
  second: (t) => t.second,
  nano: (t) => t.millisecond * 1_000_000 + t.microsecond * 1000 + t.nanosecond,
  dayOfWeek: (t) => ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"][t.dayOfWeek - 1],
  month: (t) => MONTH_NAMES[t.month - 1],
};

const NOT_FOUND = Symbol("not found");

/**
 * Calls an allowed method (or Java getter) on a value; returns NOT_FOUND when there is none,
 * so the caller reports the missing attribute the way Pebble does.
 */
export function callMethod(target: unknown, name: string, args: readonly unknown[] | undefined): unknown {
  const arguments_ = args ?? [];
  if (typeof target === "string") return invoke(STRING_METHODS, name, target, arguments_);
  if (Array.isArray(target)) return invoke(LIST_METHODS, name, target, arguments_);
  if (isMap(target)) return args === undefined ? NOT_FOUND : invoke(MAP_METHODS, name, target, arguments_);
  if (target instanceof Temporal.Instant) {
    if (name === "epochSecond") return BigInt(Math.floor(target.epochMilliseconds / 1000));
    if (name === "toEpochMilli") return BigInt(target.epochMilliseconds);
    return NOT_FOUND;
  }
  if (target instanceof Temporal.ZonedDateTime || target instanceof Temporal.PlainDateTime) {
    const getter = Object.hasOwn(TEMPORAL_GETTERS, name) ? TEMPORAL_GETTERS[name] : undefined;
    return getter ? getter(target) : NOT_FOUND;
  }
  return NOT_FOUND;
}

function invoke<T>(
  table: Readonly<Record<string, (t: T, args: readonly unknown[]) => unknown>>,
  name: string,
  target: T,
  args: readonly unknown[],
): unknown {
  if (!Object.hasOwn(table, name)) return NOT_FOUND;
  const method = table[name] as (t: T, a: readonly unknown[]) => unknown;
  try {
    return method(target, args);
  } catch (error) {
    throw new ExpressionError("expression.error", `Could not call ${name}: ${messageOf(error)}`);
  }
}

export function isNotFound(value: unknown): boolean {
  return value === NOT_FOUND;
}
