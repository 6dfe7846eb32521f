/**
 * JSON in and out of the jq engine, with the number types Kestra gets through Jackson and
 * jackson-jq. JavaScript's JSON.parse cannot be used: it loses integers beyond 2^53, and it
 * cannot tell the Double `1.0` from the Integer `1`.
 *
 *   - `toJqJson` writes a Tern value as Jackson's `valueToTree` would see it: Integers and
 *     Longs as integers (exact), Doubles with a decimal point or exponent, dates as ISO
 *     strings, and (for values from the context) map entries whose value is null left out,
 *     as Kestra's mapper is configured with NON_NULL.
 *   - `parseJacksonJson` reads a string input the way Kestra's `readTree` does: the first
 *     JSON value of the text (trailing text after it is ignored), strict JSON otherwise.
 *   - `parseJqOutput` reads what jq printed, one value per line.
 */
import {
  double,
  isMap,
  isTemporal,
  JDouble,
  JFloat,
  javaDoubleString,
  javaFloatString,
  temporalString,
} from "./values.js";

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
/** Jackson's default StreamReadConstraints/StreamWriteConstraints nesting depth. */
const JACKSON_MAX_DEPTH = 1000;
/** jq's own parser refuses deeper documents, so its output cannot be deeper. */
const JQ_MAX_DEPTH = 10001;

export class JsonSyntaxError extends Error {
  override readonly name = "JsonSyntaxError";
}

/** An integer literal: Integer when it fits in 32 bits, otherwise Long/BigInteger (a bigint). */
function integer(text: string): number | bigint {
  const value = BigInt(text);
  return value >= BigInt(INT_MIN) && value <= BigInt(INT_MAX) ? Number(value) : value;
}

/** Jackson reads a number with a fraction or an exponent as a Double. */
function jacksonNumber(text: string): number | bigint | JDouble {
  return /[.eE]/.test(text) ? double(Number(text)) : integer(text);
}

/**
 * jackson-jq's `asNumericNode(double)`: a computed number is an Integer when it fits in
 * 32 bits, a Long when it is integral and fits in 64 bits, else a Double.
 */
function computedNumber(value: number): number | bigint | JDouble {
  if (Number.isInteger(value)) {
    if (value >= INT_MIN && value <= INT_MAX) return value === 0 ? 0 : value;
    const big = BigInt(value);
    if (big >= LONG_MIN && big <= LONG_MAX) return big;
  }
  return double(value);
}

/**
 * A number as jq 1.8 printed it. jq keeps the text of numbers it did not compute (its
 * "literal" numbers, printed in canonical decimal form with an upper-case `E`), and prints
 * computed numbers in the shortest form, with a lower-case `e` when it needs an exponent
 * and without a decimal point when they are integral. Kestra (jackson-jq) keeps unchanged
 * input numbers with their Jackson type and types computed ones with `asNumericNode`.
 */
function jqOutputNumber(text: string): number | bigint | JDouble {
  if (text.includes("e")) return computedNumber(Number(text));
  return jacksonNumber(text);
}

const LITERAL_CONTINUATION = /[A-Za-z0-9_$]/;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

class Parser {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly number: (text: string) => unknown,
    private readonly maxDepth: number,
  ) {}

  /** Skips JSON whitespace; true when text remains. */
  skipSpace(): boolean {
    const text = this.text;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return true;
      this.pos++;
    }
    return false;
  }

  get position(): number {
    return this.pos;
  }

  private fail(message: string): never {
    throw new JsonSyntaxError(`${message} at position ${this.pos}`);
  }

  private describe(): string {
    const char = this.text[this.pos];
    return char === undefined ? "end of input" : `character '${char}'`;
  }

  value(depth: number): unknown {
    if (!this.skipSpace()) this.fail("Unexpected end of input, expected a JSON value");
    const c = this.text[this.pos];
    switch (c) {
      case "{":
        return this.object(depth + 1);
      case "[":
        return this.array(depth + 1);
      case '"':
        return this.string();
      case "t":
        return this.literal("true", true);
      case "f":
        return this.literal("false", false);
      case "n":
        return this.literal("null", null);
      default:
        if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return this.numberValue();
        return this.fail(`Unexpected ${this.describe()}, expected a JSON value`);
    }
  }

  /** Root-level numbers must be followed by whitespace or the end of the text (as in Jackson). */
  rootValue(): unknown {
    this.skipSpace();
    const start = this.pos;
    const value = this.value(0);
    const c = this.text[this.pos];
    const isNumber = this.text[start] === "-" || /[0-9]/.test(this.text[start] ?? "");
    if (isNumber && c !== undefined && !" \t\r\n".includes(c)) {
      this.fail(`Unexpected ${this.describe()} after a root-level number`);
    }
    return value;
  }

  private literal(word: string, value: unknown): unknown {
    if (!this.text.startsWith(word, this.pos)) this.fail(`Unrecognized token, expected '${word}'`);
    this.pos += word.length;
    if (LITERAL_CONTINUATION.test(this.text[this.pos] ?? "")) this.fail(`Unrecognized token, expected '${word}'`);
    return value;
  }

  private numberValue(): unknown {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (!match) return this.fail("Invalid number");
    this.pos += match[0].length;
    const next = this.text[this.pos];
    if (next !== undefined && /[0-9.eE+-]/.test(next)) this.fail("Invalid number");
    return this.number(match[0]);
  }

  private string(): string {
    const text = this.text;
    this.pos++; // opening quote
    let out = "";
    let chunk = this.pos;
    for (;;) {
      if (this.pos >= text.length) this.fail("Unexpected end of input in a string");
      const c = text.charCodeAt(this.pos);
      if (c === 0x22) {
        out += text.slice(chunk, this.pos);
        this.pos++;
        return out;
      }
      if (c < 0x20) this.fail("Illegal unquoted control character in a string");
      if (c !== 0x5c) {
        this.pos++;
        continue;
      }
      out += text.slice(chunk, this.pos);
      const escaped = text[this.pos + 1];
      this.pos += 2;
      switch (escaped) {
        case '"':
        case "\\":
        case "/":
          out += escaped;
          break;
        case "b":
          out += "\b";
          break;
        case "f":
          out += "\f";
          break;
        case "n":
          out += "\n";
          break;
        case "r":
          out += "\r";
          break;
        case "t":
          out += "\t";
          break;
        case "u": {
          const hex = text.slice(this.pos, this.pos + 4);
          if (!/^[0-9A-Fa-f]{4}$/.test(hex)) this.fail("Invalid \\u escape in a string");
          out += String.fromCharCode(Number.parseInt(hex, 16));
          this.pos += 4;
          break;
        }
        default:
          this.pos -= 1;
          this.fail("Unrecognized escape in a string");
      }
      chunk = this.pos;
    }
  }

  private array(depth: number): unknown[] {
    if (depth > this.maxDepth) this.fail(`Document nesting depth exceeds the maximum allowed (${this.maxDepth})`);
    this.pos++;
    const out: unknown[] = [];
    this.skipSpace();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value(depth));
      this.skipSpace();
      const c = this.text[this.pos];
      this.pos++;
      if (c === "]") return out;
      if (c !== ",") {
        this.pos--;
        this.fail(`Unexpected ${this.describe()}, expected ',' or ']'`);
      }
    }
  }

  private object(depth: number): Record<string, unknown> {
    if (depth > this.maxDepth) this.fail(`Document nesting depth exceeds the maximum allowed (${this.maxDepth})`);
    this.pos++;
    const out: Record<string, unknown> = {};
    this.skipSpace();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') this.fail(`Unexpected ${this.describe()}, expected a field name`);
      const key = this.string();
      this.skipSpace();
      if (this.text[this.pos] !== ":") this.fail(`Unexpected ${this.describe()}, expected ':'`);
      this.pos++;
      setField(out, key, this.value(depth));
      this.skipSpace();
      const c = this.text[this.pos];
      this.pos++;
      if (c === "}") return out;
      if (c !== ",") {
        this.pos--;
        this.fail(`Unexpected ${this.describe()}, expected ',' or '}'`);
      }
    }
  }
}

/** Sets a field, including `__proto__`, as an own property (a later duplicate replaces the value). */
function setField(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/**
 * Kestra's `JacksonMapper.ofJson().readTree(string)`: the first JSON value in the text,
 * typed like Jackson's tree (Integer, Long/BigInteger as bigint, Double). Text after the
 * first value is ignored, as Jackson does by default. Blank text has no value: undefined.
 */
export function parseJacksonJson(text: string): unknown {
  const parser = new Parser(text, jacksonNumber, JACKSON_MAX_DEPTH);
  if (!parser.skipSpace()) return undefined;
  return parser.rootValue();
}

/** The values jq printed in compact mode, typed as Kestra's jq filter returns them. */
export function parseJqOutput(text: string): unknown[] {
  const parser = new Parser(text, jqOutputNumber, JQ_MAX_DEPTH);
  const out: unknown[] = [];
  while (parser.skipSpace()) out.push(parser.rootValue());
  return out;
}

/** Replaces unpaired surrogates, which jq's parser rejects, with U+FFFD. */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

function jsonString(text: string): string {
  return JSON.stringify(wellFormed(text));
}

function jsonNumber(value: number): string {
  if (!Number.isFinite(value)) return jsonString(javaDoubleString(value));
  if (Number.isInteger(value)) return BigInt(value).toString();
  return javaDoubleString(value);
}

/**
 * The JSON text jq is given for a Tern value, as Jackson's `valueToTree` writes it.
 * `omitNullFields` drops map entries whose value is null (Kestra's NON_NULL inclusion,
 * which applies to values converted from the context, not to parsed JSON strings).
 */
export function toJqJson(value: unknown, omitNullFields: boolean): string {
  const parts: string[] = [];
  write(value, omitNullFields, parts, 0);
  return parts.join("");
}

function write(value: unknown, omitNullFields: boolean, out: string[], depth: number): void {
  if (depth > JACKSON_MAX_DEPTH) {
    throw new JsonSyntaxError(`Document nesting depth exceeds the maximum allowed (${JACKSON_MAX_DEPTH})`);
  }
  if (value === null || value === undefined) {
    out.push("null");
  } else if (typeof value === "string") {
    out.push(jsonString(value));
  } else if (typeof value === "boolean") {
    out.push(value ? "true" : "false");
  } else if (typeof value === "number") {
    out.push(jsonNumber(value));
  } else if (typeof value === "bigint") {
    out.push(value.toString());
  } else if (value instanceof JDouble) {
    out.push(Number.isFinite(value.value) ? javaDoubleString(value.value) : jsonString(javaDoubleString(value.value)));
  } else if (value instanceof JFloat) {
    out.push(Number.isFinite(value.value) ? javaFloatString(value.value) : jsonString(javaFloatString(value.value)));
  } else if (Array.isArray(value)) {
    out.push("[");
    value.forEach((item, index) => {
      if (index > 0) out.push(",");
      write(item, omitNullFields, out, depth + 1);
    });
    out.push("]");
  } else if (isTemporal(value)) {
    out.push(jsonString(temporalString(value)));
  } else if (isMap(value)) {
    out.push("{");
    let first = true;
    for (const [key, item] of Object.entries(value)) {
      if (omitNullFields && (item === null || item === undefined)) continue;
      if (!first) out.push(",");
      first = false;
      out.push(jsonString(key), ":");
      write(item, omitNullFields, out, depth + 1);
    }
    out.push("}");
  } else {
    out.push(jsonString(String(value)));
  }
}
