/**
 * An Amazon Ion *text* reader producing the values Kestra's Jackson Ion mapper yields for
 * `Object`: structs → maps (document order), lists and s-expressions → lists, symbols and
 * strings → strings, ints → Integer/Long/BigInteger, floats and decimals → Double,
 * timestamps → LocalDate (midnight UTC or date only), Instant (UTC or unknown offset) or
 * ZonedDateTime (other offsets), with millisecond precision as Kestra's Calendar conversion
 * has; strings annotated `Instant::`, `LocalDate::`, `LocalDateTime::`, `ZonedDateTime::`,
 * `OffsetDateTime::` or `LocalTime::` (how Kestra writes java.time values) become dates.
 * Blobs and clobs become their base64 text (Jackson prints byte[] that way).
 */
import { Temporal } from "temporal-polyfill";
import { double } from "../../values.js";
import { type JsonMap, setKey } from "./args.js";
import { integerValue } from "./json.js";

const MAX_DEPTH = 1000;
const IDENTIFIER_START = /[A-Za-z_$]/;
const IDENTIFIER_PART = /[A-Za-z0-9_$]/;
const OPERATOR = /[!#%&*+\-./;<=>?@^`|~]/;
const NUMERIC_TOKEN = /^[0-9A-Za-z_.+\-:]+/;

const TIMESTAMP =
  /^(\d{4})(?:T|-(\d{2})(?:T|-(\d{2})(?:T(?:(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2}))?)?)?)$/;
const DEC_INT = /^-?(?:0|[1-9](?:_?\d)*)$/;
const HEX_INT = /^-?0[xX][0-9a-fA-F](?:_?[0-9a-fA-F])*$/;
const BIN_INT = /^-?0[bB][01](?:_?[01])*$/;
const DECIMAL = /^-?(?:0|[1-9](?:_?\d)*)(?:\.(?:\d(?:_?\d)*)?(?:[dD][+-]?\d+)?|[dD][+-]?\d+)$/;
const FLOAT = /^-?(?:0|[1-9](?:_?\d)*)(?:\.(?:\d(?:_?\d)*)?)?[eE][+-]?\d+$/;

export class IonSyntaxError extends Error {
  override readonly name = "IonSyntaxError";
}

const NO_VALUE = Symbol("no value");

class IonReader {
  private pos = 0;
  constructor(private readonly text: string) {}

  private error(message: string): IonSyntaxError {
    return new IonSyntaxError(`${message} at position ${this.pos + 1}`);
  }

  private peek(offset = 0): string | undefined {
    return this.text[this.pos + offset];
  }

  skipSpace(): void {
    for (;;) {
      const ch = this.peek();
      if (ch === " " || ch === "\t" || ch === "\n" || ch === "\r" || ch === "\v" || ch === "\f") {
        this.pos++;
      } else if (ch === "/" && this.peek(1) === "/") {
        while (this.pos < this.text.length && this.peek() !== "\n") this.pos++;
      } else if (ch === "/" && this.peek(1) === "*") {
        const end = this.text.indexOf("*/", this.pos + 2);
        if (end === -1) throw this.error("unterminated comment");
        this.pos = end + 2;
      } else {
        return;
      }
    }
  }

  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.text.length;
  }

  /** The next top-level value, skipping the version marker and local symbol tables. */
  topLevel(): unknown {
    for (;;) {
      if (this.atEnd()) return NO_VALUE;
      const annotations = this.annotations();
      const start = this.pos;
      const value = this.value(0, false, annotations);
      if (annotations[0] === "$ion_symbol_table") continue;
      if (annotations.length === 0 && value === "$ion_1_0" && this.text.startsWith("$ion_1_0", start)) continue;
      return value;
    }
  }

  private annotations(): string[] {
    const out: string[] = [];
    for (;;) {
      this.skipSpace();
      const save = this.pos;
      const ch = this.peek();
      let symbol: string | undefined;
      if (ch !== undefined && IDENTIFIER_START.test(ch)) symbol = this.identifier();
      else if (ch === "'" && !this.text.startsWith("'''", this.pos)) symbol = this.quoted("'");
      if (symbol === undefined) return out;
      this.skipSpace();
      if (this.text.startsWith("::", this.pos)) {
        this.pos += 2;
        out.push(symbol);
      } else {
        this.pos = save;
        return out;
      }
    }
  }

  private value(depth: number, inSexp: boolean, annotations: readonly string[] = this.annotations()): unknown {
    if (depth > MAX_DEPTH) throw this.error(`nesting deeper than ${MAX_DEPTH}`);
    this.skipSpace();
    const raw = this.plainValue(depth, inSexp);
    return typeof raw === "string" && annotations[0] !== undefined ? annotatedDate(annotations[0], raw) : raw;
  }

  private plainValue(depth: number, inSexp: boolean): unknown {
    const ch = this.peek();
    if (ch === undefined) throw this.error("unexpected end of input");
    if (ch === "{") return this.peek(1) === "{" ? this.lob() : this.struct(depth);
    if (ch === "[") return this.sequence(depth, "]", false);
    if (ch === "(") return this.sequence(depth, ")", true);
    if (ch === '"') return this.quoted('"');
    if (ch === "'") return this.text.startsWith("'''", this.pos) ? this.longStrings() : this.quoted("'");
    if ((ch === "+" || ch === "-") && this.text.startsWith("inf", this.pos + 1)) {
      const after = this.peek(4);
      if (after === undefined || !IDENTIFIER_PART.test(after)) {
        this.pos += 4;
        return ch === "+" ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
      }
    }
    const next = this.peek(1);
    if ((ch >= "0" && ch <= "9") || (ch === "-" && next !== undefined && next >= "0" && next <= "9")) {
      return this.numeric();
    }
    if (IDENTIFIER_START.test(ch)) return this.keywordOrSymbol();
    if (inSexp && OPERATOR.test(ch)) {
      const start = this.pos;
      while (this.pos < this.text.length && OPERATOR.test(this.peek() ?? "")) this.pos++;
      return this.text.slice(start, this.pos);
    }
    throw this.error(`unexpected character '${ch}'`);
  }

  private keywordOrSymbol(): unknown {
    const word = this.identifier();
    if (word === "true") return true;
    if (word === "false") return false;
    if (word === "nan") return Number.NaN;
    if (word === "null") {
      if (this.peek() === "." && IDENTIFIER_START.test(this.peek(1) ?? "")) {
        this.pos++;
        this.identifier();
      }
      return null;
    }
    return word;
  }

  private identifier(): string {
    const start = this.pos;
    while (this.pos < this.text.length && IDENTIFIER_PART.test(this.peek() ?? "")) this.pos++;
    return this.text.slice(start, this.pos);
  }

  private numeric(): unknown {
    const match = NUMERIC_TOKEN.exec(this.text.slice(this.pos));
    const token = match?.[0] ?? "";
    this.pos += token.length;
    const timestamp = TIMESTAMP.exec(token);
    if (timestamp) {
      try {
        return ionTimestamp(timestamp);
      } catch (error) {
        throw this.error(`invalid timestamp '${token}': ${(error as Error).message}`);
      }
    }
    const clean = token.replaceAll("_", "");
    if (DEC_INT.test(token)) return integerValue(BigInt(clean));
    if (HEX_INT.test(token) || BIN_INT.test(token)) {
      const negative = clean.startsWith("-");
      const magnitude = BigInt(negative ? clean.slice(1) : clean);
      return integerValue(negative ? -magnitude : magnitude);
    }
    if (DECIMAL.test(token) || FLOAT.test(token))
      return double(Number(clean.replace(/[dD]/, "e").replace(/\.(e|$)/, "$1")));
    throw this.error(`invalid numeric value '${token}'`);
  }

  private struct(depth: number): JsonMap {
    const out: JsonMap = {};
    this.pos++;
    for (;;) {
      this.skipSpace();
      if (this.peek() === "}") {
        this.pos++;
        return out;
      }
      const name = this.fieldName();
      this.skipSpace();
      if (this.peek() !== ":" || this.peek(1) === ":") throw this.error("expected ':' after a field name");
      this.pos++;
      setKey(out, name, this.value(depth + 1, false));
      this.skipSpace();
      if (this.peek() === ",") this.pos++;
      else if (this.peek() !== "}") throw this.error("expected ',' or '}' in a struct");
    }
  }

  private fieldName(): string {
    const ch = this.peek();
    if (ch === '"') return this.quoted('"');
    if (ch === "'") return this.text.startsWith("'''", this.pos) ? this.longStrings() : this.quoted("'");
    if (ch !== undefined && IDENTIFIER_START.test(ch)) return this.identifier();
    throw this.error("expected a field name");
  }

  private sequence(depth: number, close: string, sexp: boolean): unknown[] {
    const out: unknown[] = [];
    this.pos++;
    for (;;) {
      this.skipSpace();
      if (this.peek() === close) {
        this.pos++;
        return out;
      }
      out.push(this.value(depth + 1, sexp));
      this.skipSpace();
      if (!sexp && this.peek() === ",") this.pos++;
      else if (!sexp && this.peek() !== close) throw this.error(`expected ',' or '${close}' in a list`);
    }
  }

  /** A short string or quoted symbol, with Ion's escapes. */
  private quoted(quote: string): string {
    this.pos++;
    let out = "";
    for (;;) {
      const ch = this.peek();
      if (ch === undefined || ch === "\n") throw this.error("unterminated string");
      this.pos++;
      if (ch === quote) return out;
      out += ch === "\\" ? this.escape() : ch;
    }
  }

  /** One or more adjacent '''long strings''', concatenated. */
  private longStrings(): string {
    let out = "";
    while (this.text.startsWith("'''", this.pos)) {
      this.pos += 3;
      for (;;) {
        if (this.pos >= this.text.length) throw this.error("unterminated long string");
        if (this.text.startsWith("'''", this.pos)) {
          this.pos += 3;
          break;
        }
        const ch = this.peek() ?? "";
        this.pos++;
        out += ch === "\\" ? this.escape() : ch;
      }
      const save = this.pos;
      this.skipSpace();
      if (!this.text.startsWith("'''", this.pos)) this.pos = save;
    }
    return out;
  }

  private escape(): string {
    const ch = this.peek();
    this.pos++;
    if (ch === "\r") {
      if (this.peek() === "\n") this.pos++;
      return "";
    }
    const simple: Record<string, string> = {
      a: "\u0007",
      b: "\b",
      t: "\t",
      n: "\n",
      f: "\f",
      r: "\r",
      v: "\v",
      "?": "?",
      "0": "\0",
      "'": "'",
      '"': '"',
      "/": "/",
      "\\": "\\",
      "\n": "",
    };
    if (ch !== undefined && Object.hasOwn(simple, ch)) return simple[ch] ?? "";
    const width = ch === "x" ? 2 : ch === "u" ? 4 : ch === "U" ? 8 : 0;
    const hex = this.text.slice(this.pos, this.pos + width);
    if (width === 0 || !new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex)) throw this.error("invalid escape sequence");
    this.pos += width;
    const code = Number.parseInt(hex, 16);
    if (code > 0x10ffff) throw this.error("invalid escape sequence");
    return String.fromCodePoint(code);
  }

  /** {{ base64 }} (blob) or {{ "text" }} (clob), as base64 text. */
  private lob(): string {
    this.pos += 2;
    this.skipSpace();
    const ch = this.peek();
    let base64: string;
    if (ch === '"' || ch === "'") {
      const text = ch === '"' ? this.quoted('"') : this.longStrings();
      if (Array.from(text).some((c) => (c.codePointAt(0) ?? 0) > 0x7f))
        throw this.error("a clob may only hold ASCII text");
      base64 = btoa(text);
      this.skipSpace();
    } else {
      const end = this.text.indexOf("}}", this.pos);
      if (end === -1) throw this.error("unterminated blob");
      base64 = this.text.slice(this.pos, end).replace(/\s+/g, "");
      this.pos = end;
    }
    if (!this.text.startsWith("}}", this.pos)) throw this.error("expected '}}' to close a lob");
    this.pos += 2;
    return base64;
  }
}

/** Kestra's IonParser.getEmbeddedObject for a timestamp value. */
function ionTimestamp(m: RegExpExecArray): unknown {
  const [, year = "", month = "01", day = "01", hour, minute, second = "00", fraction = "", offset] = m;
  const date = Temporal.PlainDate.from(
    { year: Number(year), month: Number(month), day: Number(day) },
    { overflow: "reject" },
  );
  if (hour === undefined || minute === undefined || offset === undefined) return date;
  const millis = Number(fraction.slice(0, 3).padEnd(3, "0"));
  const time = new Temporal.PlainTime(Number(hour), Number(minute), Number(second), millis);
  const local = date.toPlainDateTime(time);
  if (offset === "Z" || offset === "-00:00") {
    const midnight = time.hour === 0 && time.minute === 0 && time.second === 0 && millis === 0;
    return midnight ? date : local.toZonedDateTime("UTC").toInstant();
  }
  return local.toZonedDateTime(offset);
}

function annotatedDate(annotation: string, text: string): unknown {
  try {
    switch (annotation) {
      case "Instant":
        return Temporal.Instant.from(text);
      case "LocalDate":
        return Temporal.PlainDate.from(text);
      case "LocalDateTime":
        return Temporal.PlainDateTime.from(text);
      case "LocalTime":
        return Temporal.PlainTime.from(text);
      case "ZonedDateTime":
        return Temporal.ZonedDateTime.from(text.includes("[") ? text : `${text}[${offsetOf(text)}]`);
      case "OffsetDateTime":
        return Temporal.ZonedDateTime.from(`${text}[${offsetOf(text)}]`);
      default:
        return text;
    }
  } catch (error) {
    throw new IonSyntaxError(`Text '${text}' could not be parsed as ${annotation}: ${(error as Error).message}`);
  }
}

function offsetOf(text: string): string {
  return /(Z|[+-]\d{2}:\d{2})$/.exec(text)?.[1]?.replace("Z", "UTC") ?? "UTC";
}

/** The top-level values of an Ion text, at most `limit` of them. */
export function readIonValues(text: string, limit = Number.POSITIVE_INFINITY): unknown[] {
  const reader = new IonReader(text);
  const out: unknown[] = [];
  while (out.length < limit) {
    const value = reader.topLevel();
    if (value === NO_VALUE) break;
    out.push(value);
  }
  return out;
}
