/**
 * Amazon Ion text, as Kestra's `toIon` writes it (Jackson IonObjectMapper over ion-java's
 * compact text writer, with Kestra's IonModule): structs `{name:value}` with field names as
 * symbols (quoted when not identifiers), floats in Ion notation (`1.123e0`), nulls kept,
 * Instants and LocalDates as Ion timestamps, other dates as annotated strings
 * (`ZonedDateTime::"2013-09-08T16:19:00+02:00[Europe/Paris]"`).
 */
import { Temporal } from "temporal-polyfill";
import { isMap, isNumber, JDouble, JFloat, javaDoubleString, numberKind } from "../../values.js";
import { isoLocalDate, isoLocalDateTime, isoLocalTime, isoZonedDateTime } from "./iso-dates.js";
import { javaException } from "./java.js";
import { JBigDecimal, JBigInteger } from "./java-numbers.js";

const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  0: "\\0",
  7: "\\a",
  8: "\\b",
  9: "\\t",
  10: "\\n",
  11: "\\v",
  12: "\\f",
  13: "\\r",
  92: "\\\\",
};

/** ion-java's printCodePoints: escapes controls, C1 controls and the quote; keeps other Unicode as is. */
function escapeText(text: string, quote: "'" | '"'): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const short = SHORT_ESCAPES[code];
    if (short !== undefined) out += short;
    else if (code === quote.charCodeAt(0)) out += `\\${quote}`;
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else if (code >= 0xd800 && code <= 0xdbff) {
      const low = text.charCodeAt(i + 1);
      if (!(low >= 0xdc00 && low <= 0xdfff)) {
        throw javaException(
          "java.lang.IllegalArgumentException",
          `text is invalid UTF-16. It contains an unmatched leading surrogate 0x${code.toString(16)} at index ${i}`,
        );
      }
      out += text.slice(i, i + 2);
      i++;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      throw javaException(
        "java.lang.IllegalArgumentException",
        `text is invalid UTF-16. It contains an unmatched trailing surrogate 0x${code.toString(16)} at index ${i}`,
      );
    } else out += text.charAt(i);
  }
  return out;
}

function ionString(text: string): string {
  return `"${escapeText(text, '"')}"`;
}

/** A symbol (field name or annotation): bare when it is an identifier and not a keyword. */
function ionSymbol(text: string): string {
  const keyword = /^(?:null|true|false|nan|\$\d+)$/.test(text);
  if (!keyword && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(text)) return text;
  return `'${escapeText(text, "'")}'`;
}

/** Ion float text of a double: Java's shortest digits, `e` exponent, `e0` when none. */
function ionFloat(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (value === Number.POSITIVE_INFINITY) return "+inf";
  if (value === Number.NEGATIVE_INFINITY) return "-inf";
  if (value === 0) return Object.is(value, -0) ? "-0e0" : "0e0";
  const text = javaDoubleString(value);
  if (text.includes("E")) return text.replace("E", "e");
  return text.endsWith(".0") ? `${text.slice(0, -2)}e0` : `${text}e0`;
}

/** Ion decimal text of a BigDecimal (`1.50`, `5.`, `5d3`). */
function ionDecimal(value: JBigDecimal): string {
  const negative = value.unscaled < 0n;
  const digits = (negative ? -value.unscaled : value.unscaled).toString();
  let text: string;
  if (value.scale === 0) text = `${digits}.`;
  else if (value.scale < 0) text = `${digits}d${-value.scale}`;
  else if (digits.length > value.scale) {
    text = `${digits.slice(0, digits.length - value.scale)}.${digits.slice(digits.length - value.scale)}`;
  } else text = `0.${"0".repeat(value.scale - digits.length)}${digits}`;
  return negative ? `-${text}` : text;
}

/** An Ion timestamp at millisecond precision (Timestamp.forDateZ(Date.from(instant))). */
function ionInstant(instant: Temporal.Instant): string {
  const utc = instant.toZonedDateTimeISO("UTC");
  const time = `${String(utc.hour).padStart(2, "0")}:${String(utc.minute).padStart(2, "0")}:${String(utc.second).padStart(2, "0")}`;
  return `${isoLocalDate(utc.toPlainDate())}T${time}.${String(utc.millisecond).padStart(3, "0")}Z`;
}

function annotated(type: string, text: string): string {
  return `${ionSymbol(type)}::${ionString(text)}`;
}

function ionTemporal(value: unknown): string | undefined {
  if (value instanceof Temporal.Instant) return ionInstant(value);
  if (value instanceof Temporal.PlainDate) return isoLocalDate(value);
  if (value instanceof Temporal.ZonedDateTime) return annotated("ZonedDateTime", isoZonedDateTime(value));
  if (value instanceof Temporal.PlainDateTime) return annotated("LocalDateTime", isoLocalDateTime(value));
  if (value instanceof Temporal.PlainTime) return annotated("LocalTime", isoLocalTime(value));
  return undefined;
}

function ionNumber(value: number | bigint | JDouble | JFloat): string {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof JDouble || value instanceof JFloat) return ionFloat(value.value);
  const kind = numberKind(value);
  return kind === "Double" ? ionFloat(value) : BigInt(value).toString();
}

/** Kestra's `toIon`: the compact Ion text of a value. */
export function toIonText(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "string") return ionString(value);
  if (isNumber(value)) return ionNumber(value);
  if (value instanceof JBigInteger) return value.toString();
  if (value instanceof JBigDecimal) return ionDecimal(value);
  if (Array.isArray(value)) return `[${value.map(toIonText).join(",")}]`;
  if (isMap(value)) {
    return `{${Object.entries(value)
      .map(([key, item]) => `${ionSymbol(key)}:${toIonText(item)}`)
      .join(",")}}`;
  }
  return ionTemporal(value) ?? ionString(String(value));
}
