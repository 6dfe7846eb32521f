/**
 * Pebble values with Java's semantics, in JavaScript.
 *
 * Numbers carry their Java type, because Kestra's results depend on it (5/2 is 2 for
 * integers, 2.5 for doubles; two context Integers overflow at 32 bits; a literal list of
 * Longs is not equal to a context list of Integers):
 *   - Integer: a JS number that is integral and fits in 32 bits (JSON numbers from a
 *     context, as Jackson reads them);
 *   - Long:    a bigint (integer literals, 64-bit arithmetic), or an integral JS number
 *     beyond 32 bits (a large context number);
 *   - Double:  a non-integral JS number, or a JDouble (a Double whose value is integral,
 *     e.g. 4.0/2, which must print "2.0");
 *   - Float:   a JFloat ('0.1'|number).
 * Dates are Temporal objects (Instant, ZonedDateTime, PlainDateTime, PlainDate, PlainTime),
 * the same model as java.time.
 */
import { Temporal } from "temporal-polyfill";

/** A Java Double whose value is integral (or any double that must keep its type explicitly). */
export class JDouble {
  constructor(readonly value: number) {}
}

/** A Java Float (32-bit). */
export class JFloat {
  readonly value: number;
  constructor(value: number) {
    this.value = Math.fround(value);
  }
}

/** A single Java char (`'abc'|first`), printed as a one-letter string. */
export type NumberKind = "Integer" | "Long" | "Double" | "Float";

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

export function isNumber(value: unknown): value is number | bigint | JDouble | JFloat {
  return typeof value === "number" || typeof value === "bigint" || value instanceof JDouble || value instanceof JFloat;
}

export function numberKind(value: number | bigint | JDouble | JFloat): NumberKind {
  if (typeof value === "bigint") return "Long";
  if (value instanceof JDouble) return "Double";
  if (value instanceof JFloat) return "Float";
  if (Number.isInteger(value)) return value >= INT_MIN && value <= INT_MAX ? "Integer" : "Long";
  return "Double";
}

/** The numeric value as a JS number (may lose precision for large Longs). */
export function toNumber(value: number | bigint | JDouble | JFloat): number {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  return value.value;
}

/** The integral value of an Integer or Long as a bigint. */
export function toBigInt(value: number | bigint): bigint {
  return typeof value === "bigint" ? value : BigInt(value);
}

/** A Double result: plain JS number when that is unambiguous, JDouble when integral. */
export function double(value: number): number | JDouble {
  return Number.isInteger(value) ? new JDouble(value) : value;
}

/** A Long result, wrapped to 64 bits as Java does. */
export function long(value: bigint): bigint {
  return BigInt.asIntN(64, value);
}

/** An Integer result, wrapped to 32 bits as Java does. */
export function int(value: number): number {
  return value | 0;
}

/** Java's Double.toString. */
export function javaDoubleString(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "Infinity";
  if (value === Number.NEGATIVE_INFINITY) return "-Infinity";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const abs = Math.abs(value);
  if (abs >= 1e-3 && abs < 1e7) {
    const text = String(value);
    return text.includes(".") ? text : `${text}.0`;
  }
  return scientific(value.toExponential());
}

/** Java's Float.toString: the shortest decimal that reads back as the same float. */
export function javaFloatString(value: number): string {
  if (!Number.isFinite(value) || value === 0) return javaDoubleString(value);
  let shortest = String(value);
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === value) {
      shortest = String(candidate);
      break;
    }
  }
  const number = Number(shortest);
  const abs = Math.abs(number);
  if (abs >= 1e-3 && abs < 1e7)
    return shortest.includes(".") || shortest.includes("e") ? plain(number) : `${shortest}.0`;
  return scientific(number.toExponential());
}

function plain(value: number): string {
  const text = String(value);
  return text.includes(".") ? text : `${text}.0`;
}

/** "1.2345e+10" → "1.2345E10", "1e-4" → "1.0E-4". */
function scientific(exponential: string): string {
  const [mantissa = "", exponent = "0"] = exponential.split("e");
  const digits = mantissa.includes(".") ? mantissa : `${mantissa}.0`;
  return `${digits}E${Number(exponent)}`;
}

/** Java's toString of a number. */
export function numberString(value: number | bigint | JDouble | JFloat): string {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof JFloat) return javaFloatString(value.value);
  if (value instanceof JDouble) return javaDoubleString(value.value);
  return Number.isInteger(value) ? String(value) : javaDoubleString(value);
}

export function isTemporal(value: unknown): boolean {
  return (
    value instanceof Temporal.Instant ||
    value instanceof Temporal.ZonedDateTime ||
    value instanceof Temporal.PlainDateTime ||
    value instanceof Temporal.PlainDate ||
    value instanceof Temporal.PlainTime
  );
}

/** A Pebble map: plain objects from the context or literals. Map literals keep their own key order. */
export function isMap(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Java's ISO toString of java.time values (Instant drops a zero fraction, ZonedDateTime drops :00 seconds). */
export function temporalString(value: unknown): string {
  if (value instanceof Temporal.Instant) return isoInstant(value);
  if (value instanceof Temporal.ZonedDateTime) {
    const local = localDateTimeString(value.toPlainDateTime());
    const offset = value.offset === "+00:00" ? "Z" : value.offset;
    const zone = value.timeZoneId;
    return zone === offset || /^[+-]\d\d:\d\d$/.test(zone) || zone === "Z"
      ? `${local}${offset}`
      : `${local}${offset}[${zone}]`;
  }
  if (value instanceof Temporal.PlainDateTime) return localDateTimeString(value);
  if (value instanceof Temporal.PlainDate) return value.toString();
  if (value instanceof Temporal.PlainTime) return localTimeString(value);
  return String(value);
}

function fraction(nanos: number): string {
  if (nanos === 0) return "";
  const text = String(nanos).padStart(9, "0");
  if (nanos % 1_000_000 === 0) return `.${text.slice(0, 3)}`;
  if (nanos % 1_000 === 0) return `.${text.slice(0, 6)}`;
  return `.${text}`;
}

function localTimeString(time: Temporal.PlainTime): string {
  const hm = `${String(time.hour).padStart(2, "0")}:${String(time.minute).padStart(2, "0")}`;
  const nanos = time.millisecond * 1_000_000 + time.microsecond * 1_000 + time.nanosecond;
  if (time.second === 0 && nanos === 0) return hm;
  return `${hm}:${String(time.second).padStart(2, "0")}${fraction(nanos)}`;
}

function localDateTimeString(value: Temporal.PlainDateTime): string {
  return `${value.toPlainDate().toString()}T${localTimeString(value.toPlainTime())}`;
}

function isoInstant(value: Temporal.Instant): string {
  const zdt = value.toZonedDateTimeISO("UTC");
  const nanos = zdt.millisecond * 1_000_000 + zdt.microsecond * 1_000 + zdt.nanosecond;
  const seconds = `${zdt.toPlainDate().toString()}T${String(zdt.hour).padStart(2, "0")}:${String(zdt.minute).padStart(2, "0")}:${String(zdt.second).padStart(2, "0")}`;
  return `${seconds}${fraction(nanos)}Z`;
}

/**
 * Java's toString, used by `~`, `join` and string conversion: `[1, 2]`, `{a=1}`, `null`.
 */
export function javaString(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (isNumber(value)) return numberString(value);
  if (Array.isArray(value)) return `[${value.map(javaString).join(", ")}]`;
  if (isTemporal(value)) return temporalString(value);
  if (isMap(value)) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}=${javaString(v)}`)
      .join(", ")}}`;
  }
  return String(value);
}

/**
 * What `{{ x }}` writes: strings as-is, null as nothing, numbers and dates through Java's
 * toString, maps and lists as compact JSON (Jackson, nulls in maps omitted).
 */
export function printValue(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (isNumber(value)) return numberString(value);
  if (Array.isArray(value) || isMap(value)) return toJson(value);
  if (isTemporal(value)) return temporalString(value);
  return String(value);
}

/**
 * Jackson's JSON with Kestra's settings: compact (or pretty), nulls in maps omitted,
 * non-ASCII kept, numbers as Java prints them (exact Longs, `1.0E-7`), dates as ISO text.
 * Written by hand: JSON.stringify cannot print bigints or keep a Double's `.0`.
 */
export function toJson(value: unknown, pretty = false): string {
  const out: string[] = [];
  writeJson(value, out, pretty ? "\n" : "", pretty);
  return out.join("");
}

function writeJson(value: unknown, out: string[], indent: string, pretty: boolean): void {
  if (value === null || value === undefined) {
    out.push("null");
  } else if (typeof value === "string") {
    out.push(JSON.stringify(value));
  } else if (typeof value === "boolean") {
    out.push(value ? "true" : "false");
  } else if (isNumber(value)) {
    const n = toNumber(value);
    out.push(Number.isFinite(n) || typeof value === "bigint" ? numberString(value) : `"${numberString(value)}"`);
  } else if (Array.isArray(value)) {
    writeEntries(
      value.map((item) => [undefined, item] as const),
      "[",
      "]",
      out,
      indent,
      pretty,
    );
  } else if (isTemporal(value)) {
    out.push(JSON.stringify(temporalString(value)));
  } else if (isMap(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== null && v !== undefined);
    writeEntries(entries, "{", "}", out, indent, pretty);
  } else {
    out.push(JSON.stringify(String(value)));
  }
}

function writeEntries(
  entries: readonly (readonly [string | undefined, unknown])[],
  open: string,
  close: string,
  out: string[],
  indent: string,
  pretty: boolean,
): void {
  if (entries.length === 0) {
    out.push(open, close);
    return;
  }
  const inner = pretty ? `${indent}  ` : "";
  out.push(open);
  entries.forEach(([key, item], i) => {
    if (i > 0) out.push(",");
    if (pretty) out.push(inner);
    if (key !== undefined) out.push(JSON.stringify(key), pretty ? " : " : ":");
    writeJson(item, out, inner, pretty);
  });
  if (pretty) out.push(indent);
  out.push(close);
}

/** Java `equals` with Pebble's numeric widening for `==`: numbers compare as doubles. */
export function pebbleEquals(left: unknown, right: unknown): boolean {
  if (isNumber(left) && isNumber(right)) return toNumber(left) === toNumber(right);
  return javaEquals(left, right);
}

/** Java `equals`: Integer 1 and Long 1 differ; lists and maps compare element-wise with equals. */
export function javaEquals(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (left === null || left === undefined || right === null || right === undefined) {
    return (left ?? null) === (right ?? null);
  }
  if (isNumber(left) && isNumber(right)) {
    return (
      numberKind(left) === numberKind(right) && toNumber(left) === toNumber(right) && String(left) === String(right)
    );
  }
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, i) => javaEquals(item, right[i]));
  }
  if (isMap(left) && isMap(right)) {
    const keys = Object.keys(left);
    return keys.length === Object.keys(right).length && keys.every((k) => k in right && javaEquals(left[k], right[k]));
  }
  if (isTemporal(left) && isTemporal(right)) return temporalString(left) === temporalString(right);
  return false;
}

const hashMaps = new WeakSet<object>();

/** Marks a map as a java.util.HashMap (map literals, `merge`), for className. */
export function markHashMap<T extends object>(map: T): T {
  hashMaps.add(map);
  return map;
}

/** The Java class name Kestra's `className` filter reports. */
export function javaClassName(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return "java.lang.String";
  if (typeof value === "boolean") return "java.lang.Boolean";
  if (isNumber(value)) return `java.lang.${numberKind(value)}`;
  if (Array.isArray(value)) return "java.util.ArrayList";
  if (value instanceof Temporal.Instant) return "java.time.Instant";
  if (value instanceof Temporal.ZonedDateTime) return "java.time.ZonedDateTime";
  if (value instanceof Temporal.PlainDateTime) return "java.time.LocalDateTime";
  if (value instanceof Temporal.PlainDate) return "java.time.LocalDate";
  if (value instanceof Temporal.PlainTime) return "java.time.LocalTime";
  if (isMap(value)) return hashMaps.has(value) ? "java.util.HashMap" : "java.util.LinkedHashMap";
  return "java.lang.Object";
}

/** Converts an evaluation result to plain JS data for typed rendering (Longs become numbers when exact). */
export function toPlain(value: unknown): unknown {
  if (typeof value === "bigint") {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
  }
  if (value instanceof JDouble) return value.value;
  // A Float reads back as the decimal Java prints for it (0.1f is 0.1, not 0.10000000149011612).
  if (value instanceof JFloat) return Number(javaFloatString(value.value));
  if (Array.isArray(value)) return value.map(toPlain);
  if (isMap(value)) {
    // Kestra serialises maps NON_NULL: a null entry is not part of the value.
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = toPlain(v);
    return out;
  }
  return value;
}
