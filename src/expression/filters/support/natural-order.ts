/**
 * Java's natural ordering (`Comparable.compareTo`) for `sort` and `rsort`. Java only compares
 * values of the same class: a list mixing Integer and Long, or numbers and strings, fails
 * with a ClassCastException (any comparison sort has to compare two neighbours of different
 * classes), and lists or maps are not Comparable at all.
 */
import { Temporal } from "temporal-polyfill";
import { isNumber, type JDouble, type JFloat, toNumber } from "../../values.js";
import { classCastError, isBigNumber, javaTypeName, nullPointerError } from "./java.js";

const COMPARABLE = new Set([
  "java.lang.String",
  "java.lang.Integer",
  "java.lang.Long",
  "java.lang.Double",
  "java.lang.Float",
  "java.lang.Boolean",
  "java.math.BigDecimal",
  "java.math.BigInteger",
  "java.time.Instant",
  "java.time.ZonedDateTime",
  "java.time.LocalDateTime",
  "java.time.LocalDate",
  "java.time.LocalTime",
]);

/** `Double.compare`: -0.0 before 0.0, NaN after everything. */
function compareDoubles(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : -1;
  return Object.is(a, b) ? 0 : Object.is(a, -0) ? -1 : 1;
}

function longOf(value: number | bigint | JDouble | JFloat): bigint {
  return typeof value === "bigint" ? value : BigInt(toNumber(value));
}

function compareBigInts(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareTemporals(a: unknown, b: unknown): number {
  if (a instanceof Temporal.Instant && b instanceof Temporal.Instant) return Temporal.Instant.compare(a, b);
  if (a instanceof Temporal.ZonedDateTime && b instanceof Temporal.ZonedDateTime) {
    return (
      Temporal.ZonedDateTime.compare(a, b) ||
      Temporal.PlainDateTime.compare(a.toPlainDateTime(), b.toPlainDateTime()) ||
      a.timeZoneId.localeCompare(b.timeZoneId)
    );
  }
  if (a instanceof Temporal.PlainDateTime && b instanceof Temporal.PlainDateTime)
    return Temporal.PlainDateTime.compare(a, b);
  if (a instanceof Temporal.PlainDate && b instanceof Temporal.PlainDate) return Temporal.PlainDate.compare(a, b);
  if (a instanceof Temporal.PlainTime && b instanceof Temporal.PlainTime) return Temporal.PlainTime.compare(a, b);
  return 0;
}

/** `((Comparable) a).compareTo(b)` with Java's exceptions. */
function compareJava(a: unknown, b: unknown): number {
  if (a === null || a === undefined || b === null || b === undefined) {
    throw nullPointerError('Cannot invoke "java.lang.Comparable.compareTo(Object)" because a list element is null');
  }
  const left = javaTypeName(a);
  const right = javaTypeName(b);
  if (!COMPARABLE.has(left)) throw classCastError(a, "java.lang.Comparable");
  if (left !== right) throw classCastError(b, left);
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  if (typeof a === "bigint" && typeof b === "bigint") return compareBigInts(a, b);
  if (isBigNumber(a) && isBigNumber(b)) return compareDoubles(a.toNumber(), b.toNumber());
  if (isNumber(a) && isNumber(b)) {
    if (left === "java.lang.Long") return compareBigInts(longOf(a), longOf(b));
    return compareDoubles(toNumber(a), toNumber(b));
  }
  return compareTemporals(a, b);
}

/** `Collections.sort(list)` (or with `reverseOrder()`): a stable sort in natural order, as a new list. */
export function naturalSort(list: readonly unknown[], reverse: boolean): unknown[] {
  return [...list].sort((a, b) => (reverse ? compareJava(b, a) : compareJava(a, b)));
}
