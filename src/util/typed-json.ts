/**
 * JSON that keeps the Java-typed values an execution holds (src/expression/values.ts): Float and
 * integral Double numbers, Longs as bigints, and java.time values as Temporal objects. Plain
 * JSON would turn them into numbers and strings (or throw, for a bigint), so an execution
 * stored or sent to another object would render differently afterwards (`1.0` becoming `1`).
 * A typed value is written as `{"@tern": type, "v": text-or-number}`.
 *
 * `toKestraJson` is the other direction: the plain JSON Kestra's API answers with (numbers,
 * ISO strings), for values leaving Tern.
 */
import { Temporal } from "temporal-polyfill";
import { JDouble, JFloat } from "../expression/values.js";

const TAG = "@tern";

type Tagged = { readonly [TAG]: string; readonly v: string | number };

/** The typed form of a value, or undefined when it is plain JSON already. */
function tag(value: unknown): Tagged | undefined {
  if (typeof value === "bigint") return { [TAG]: "Long", v: value.toString() };
  if (value === null || typeof value !== "object") return undefined;
  if (value instanceof JFloat) return { [TAG]: "Float", v: value.value };
  if (value instanceof JDouble) return { [TAG]: "Double", v: value.value };
  if (value instanceof Temporal.Instant) return { [TAG]: "Instant", v: value.toString() };
  if (value instanceof Temporal.ZonedDateTime) return { [TAG]: "ZonedDateTime", v: value.toString() };
  if (value instanceof Temporal.PlainDateTime) return { [TAG]: "PlainDateTime", v: value.toString() };
  if (value instanceof Temporal.PlainDate) return { [TAG]: "PlainDate", v: value.toString() };
  if (value instanceof Temporal.PlainTime) return { [TAG]: "PlainTime", v: value.toString() };
  if (value instanceof Temporal.Duration) return { [TAG]: "Duration", v: value.toString() };
  return undefined;
}

function untag(value: Tagged): unknown {
  const v = value.v;
  switch (value[TAG]) {
    case "Long":
      return BigInt(v);
    case "Float":
      return new JFloat(Number(v));
    case "Double":
      return new JDouble(Number(v));
    case "Instant":
      return Temporal.Instant.from(String(v));
    case "ZonedDateTime":
      return Temporal.ZonedDateTime.from(String(v));
    case "PlainDateTime":
      return Temporal.PlainDateTime.from(String(v));
    case "PlainDate":
      return Temporal.PlainDate.from(String(v));
    case "PlainTime":
      return Temporal.PlainTime.from(String(v));
    case "Duration":
      return Temporal.Duration.from(String(v));
    default:
      return value;
  }
}

function isTagged(value: unknown): value is Tagged {
  return typeof value === "object" && value !== null && TAG in value && "v" in value && Object.keys(value).length === 2;
}

/** JSON text of a value, its typed values tagged. */
export function stringifyTyped(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, plain) {
    // The holder's own value: `plain` went through toJSON already (a Temporal's ISO string).
    return tag(this[key]) ?? plain;
  });
}

/** The value of JSON text written by stringifyTyped, its typed values restored. */
export function parseTyped<T = unknown>(text: string): T {
  return JSON.parse(text, (_key, value) => (isTagged(value) ? untag(value) : value)) as T;
}

/** The plain JSON Kestra answers with: Java numbers as numbers, java.time values as ISO strings. */
export function toKestraJson<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (_key, plain) => {
      if (typeof plain === "bigint") return Number(plain);
      if (plain instanceof JFloat || plain instanceof JDouble) return plain.value;
      return plain;
    }),
  ) as T;
}
