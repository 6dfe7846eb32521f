/**
 * YAML as Kestra's `yaml` filter writes it: Jackson's YAMLGenerator (MINIMIZE_QUOTES,
 * INDENT_ARRAYS, no document start marker, no line splitting) over SnakeYAML's emitter
 * (block style, indent 2, sequence indicator indented by 1). The `yaml` package cannot
 * produce the one-space indicator indent (` - item`), so this is a port of the parts of
 * SnakeYAML's Emitter that Jackson's events reach: block mappings and sequences, empty
 * collections in flow style, and plain / single-quoted / double-quoted / literal scalars.
 */
import {
  isMap,
  isNumber,
  isTemporal,
  JDouble,
  JFloat,
  javaDoubleString,
  javaFloatString,
  numberKind,
} from "../../values.js";
import { jacksonDateString } from "./iso-dates.js";
import { isBigNumber } from "./java.js";

type Style = "plain" | "single" | "double" | "literal";

interface Scalar {
  readonly text: string;
  readonly style: Style;
}

interface Analysis {
  readonly empty: boolean;
  readonly multiline: boolean;
  readonly allowBlockPlain: boolean;
  readonly allowSingleQuoted: boolean;
  readonly allowBlock: boolean;
}

const INDENT = 2;
const INDICATOR_INDENT = 1;
const MAX_SIMPLE_KEY_LENGTH = 128;
const LINE_BREAKS = "\n\u0085\u2028\u2029";

const RESERVED = new Set([
  "false",
  "False",
  "FALSE",
  "n",
  "N",
  "no",
  "No",
  "NO",
  "null",
  "Null",
  "NULL",
  "on",
  "On",
  "ON",
  "off",
  "Off",
  "OFF",
  "true",
  "True",
  "TRUE",
  "y",
  "Y",
  "yes",
  "Yes",
  "YES",
]);

const ESCAPES: Readonly<Record<string, string>> = {
  "\0": "0",
  "\u0007": "a",
  "\b": "b",
  "\t": "t",
  "\n": "n",
  "\u000b": "v",
  "\f": "f",
  "\r": "r",
  "\u001b": "e",
  '"': '"',
  "\\": "\\",
  "\u0085": "N",
  "\u00a0": "_",
  "\u2028": "L",
  "\u2029": "P",
};

function isLineBreak(char: string): boolean {
  return char !== "" && LINE_BREAKS.includes(char);
}

/** Jackson's StringQuotingChecker: YAML 1.1 booleans/nulls, `~`, and the empty string. */
function isReservedKeyword(text: string): boolean {
  if (text === "") return true;
  return text.charAt(0) === "~" || RESERVED.has(text);
}

/** `needToQuoteValue`: reserved words, flow indicators, ` #` and `: `. */
function needToQuoteValue(text: string): boolean {
  if (isReservedKeyword(text)) return true;
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if ("[]{},".includes(char)) return true;
    if (char === "#" && i > 0 && " \t".includes(text.charAt(i - 1))) return true;
    if (char === ":" && i < text.length - 1 && " \t".includes(text.charAt(i + 1))) return true;
  }
  return false;
}

/** `needToQuoteName`: reserved words, anything starting like a number, control characters. */
function needToQuoteName(name: string): boolean {
  return isReservedKeyword(name) || /^[0-9+\-.]/.test(name) || Array.from(name).some((char) => char < " ");
}

/** YAMLGenerator.writeString with MINIMIZE_QUOTES. */
function stringScalar(text: string): Scalar {
  if (text === "") return { text, style: "double" };
  if (text.includes("\n")) return { text, style: "literal" };
  return { text, style: needToQuoteValue(text) ? "double" : "plain" };
}

function isPrintable(code: number): boolean {
  return (
    (code >= 0x20 && code <= 0x7e) ||
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0d ||
    code === 0x85 ||
    (code >= 0xa0 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

function isBlankOrBreak(char: string | undefined): boolean {
  return char === undefined || char === "" || "\0 \t".includes(char) || isLineBreak(char);
}

/** Which leading or inner characters rule out a plain scalar (SnakeYAML's analyzeScalar indicator pass). */
function hasIndicators(chars: readonly string[]): { flow: boolean; block: boolean } {
  let flow = false;
  let block = false;
  const text = chars.join("");
  if (text.startsWith("---") || text.startsWith("...")) return { flow: true, block: true };
  let precededByWhitespace = true;
  for (let index = 0; index < chars.length; index++) {
    const char = chars[index] ?? "";
    const followedByWhitespace = index === chars.length - 1 || isBlankOrBreak(chars[index + 1]);
    if (index === 0) {
      if ("#,[]{}&*!|>'\"%@`".includes(char)) flow = block = true;
      if (char === "?" || char === ":") {
        flow = true;
        if (followedByWhitespace) block = true;
      }
      if (char === "-" && followedByWhitespace) flow = block = true;
    } else {
      if (",?[]{}".includes(char)) flow = true;
      if (char === ":") {
        flow = true;
        if (followedByWhitespace) block = true;
      }
      if (char === "#" && precededByWhitespace) flow = block = true;
    }
    precededByWhitespace = "\0 \t".includes(char) || isLineBreak(char);
  }
  return { flow, block };
}

/** SnakeYAML's analyzeScalar (flow-context results are not needed: we never emit flow content). */
function analyze(text: string): Analysis {
  if (text === "")
    return { empty: true, multiline: false, allowBlockPlain: true, allowSingleQuoted: true, allowBlock: false };
  const chars = Array.from(text);
  const indicators = hasIndicators(chars);
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  chars.forEach((char, index) => {
    const code = char.codePointAt(0) ?? 0;
    const lineBreak = isLineBreak(char);
    if (lineBreak) lineBreaks = true;
    if (!(char === "\n" || (code >= 0x20 && code <= 0x7e))) {
      const unicode =
        code === 0x85 ||
        (code >= 0xa0 && code <= 0xd7ff) ||
        (code >= 0xe000 && code <= 0xfffd) ||
        (code >= 0x10000 && code <= 0x10ffff);
      if (!unicode) special = true;
    }
    const last = index === chars.length - 1;
    if (char === " ") {
      if (index === 0) leadingSpace = true;
      if (last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (lineBreak) {
      if (index === 0) leadingBreak = true;
      if (last) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
  });
  const leadingZero = /^0[0-9_]+$/.test(text);
  let allowBlockPlain = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak || leadingZero);
  let allowSingleQuoted = true;
  let allowBlock = !trailingSpace;
  if (breakSpace) allowBlockPlain = allowSingleQuoted = false;
  if (spaceBreak || special) allowBlockPlain = allowSingleQuoted = allowBlock = false;
  if (indicators.block) allowBlockPlain = false;
  return { empty: false, multiline: lineBreaks, allowBlockPlain, allowSingleQuoted, allowBlock };
}

/** The scalar form of a non-collection value, as Jackson writes it. */
function valueScalar(value: unknown): Scalar {
  if (value === null || value === undefined) return { text: "null", style: "plain" };
  if (typeof value === "boolean") return { text: value ? "true" : "false", style: "plain" };
  if (typeof value === "string") return stringScalar(value);
  if (isNumber(value)) {
    if (typeof value === "bigint") return { text: value.toString(), style: "plain" };
    if (value instanceof JFloat) return { text: javaFloatString(value.value), style: "plain" };
    if (value instanceof JDouble) return { text: javaDoubleString(value.value), style: "plain" };
    const text = numberKind(value) === "Double" ? javaDoubleString(value) : BigInt(value).toString();
    return { text, style: "plain" };
  }
  if (isTemporal(value)) return stringScalar(jacksonDateString(value));
  if (isBigNumber(value)) return { text: String(value), style: "plain" };
  return stringScalar(String(value));
}

class Emitter {
  private out = "";
  private column = 0;
  private whitespace = true;
  private indention = true;
  private indent: number | null = null;
  private readonly indents: (number | null)[] = [];
  private mappingContext = false;
  private simpleKeyContext = false;

  document(value: unknown): string {
    const root = Array.isArray(value) || isMap(value) ? undefined : valueScalar(value);
    if (root && root.text === "") {
      this.writeIndent();
      this.writeIndicator("---", true, false, false);
    }
    this.node(value, false, false);
    this.writeIndent();
    return this.out;
  }

  private node(value: unknown, mapping: boolean, simpleKey: boolean): void {
    this.mappingContext = mapping;
    this.simpleKeyContext = simpleKey;
    if (Array.isArray(value)) {
      if (value.length === 0) this.emptyFlow("[", "]");
      else this.blockSequence(value);
    } else if (isMap(value)) {
      const entries = Object.entries(value);
      if (entries.length === 0) this.emptyFlow("{", "}");
      else this.blockMapping(entries);
    } else {
      this.scalar(valueScalar(value));
    }
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent === null) this.indent = flow ? INDENT : 0;
    else if (!indentless) this.indent += INDENT;
  }

  private popIndent(): void {
    this.indent = this.indents.pop() ?? null;
  }

  private emptyFlow(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.writeIndicator(close, false, false, false);
  }

  private blockSequence(items: readonly unknown[]): void {
    this.increaseIndent(false, this.mappingContext && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeWhitespace(INDICATOR_INDENT);
      this.writeIndicator("-", true, false, true);
      this.node(item, false, false);
    }
    this.popIndent();
  }

  private blockMapping(entries: readonly [string, unknown][]): void {
    this.increaseIndent(false, false);
    for (const [name, value] of entries) {
      this.writeIndent();
      const key: Scalar = { text: name, style: needToQuoteName(name) ? "double" : "plain" };
      const analysis = analyze(name);
      if (name.length < MAX_SIMPLE_KEY_LENGTH && !analysis.empty && !analysis.multiline) {
        this.mappingContext = true;
        this.simpleKeyContext = true;
        this.scalar(key);
        this.writeIndicator(":", false, false, false);
      } else {
        this.writeIndicator("?", true, false, true);
        this.mappingContext = true;
        this.simpleKeyContext = false;
        this.scalar(key);
        this.writeIndent();
        this.writeIndicator(":", true, false, true);
      }
      this.node(value, true, false);
    }
    this.popIndent();
  }

  /** SnakeYAML's chooseScalarStyle. */
  private chooseStyle(scalar: Scalar, analysis: Analysis): Style {
    if (scalar.style === "double") return "double";
    if (scalar.style === "plain" && !(this.simpleKeyContext && (analysis.empty || analysis.multiline))) {
      if (analysis.allowBlockPlain) return "plain";
    }
    if (scalar.style === "literal" && !this.simpleKeyContext && analysis.allowBlock) return "literal";
    if ((scalar.style === "plain" || scalar.style === "single") && analysis.allowSingleQuoted) {
      if (!(this.simpleKeyContext && analysis.multiline)) return "single";
    }
    return "double";
  }

  private scalar(scalar: Scalar): void {
    this.increaseIndent(true, false);
    const style = this.chooseStyle(scalar, analyze(scalar.text));
    if (style === "plain") this.writePlain(scalar.text);
    else if (style === "single") this.writeSingleQuoted(scalar.text);
    else if (style === "double") this.writeDoubleQuoted(scalar.text);
    else this.writeLiteral(scalar.text);
    this.popIndent();
  }

  private write(text: string): void {
    this.out += text;
    this.column += text.length;
  }

  private writeIndicator(indicator: string, needWhitespace: boolean, whitespace: boolean, indentation: boolean): void {
    if (!this.whitespace && needWhitespace) this.write(" ");
    this.whitespace = whitespace;
    this.indention = this.indention && indentation;
    this.write(indicator);
  }

  private writeIndent(): void {
    const indent = this.indent ?? 0;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) {
      this.writeLineBreak("\n");
    }
    this.writeWhitespace(indent - this.column);
  }

  private writeWhitespace(length: number): void {
    if (length <= 0) return;
    this.whitespace = true;
    this.write(" ".repeat(length));
  }

  private writeLineBreak(data: string): void {
    this.whitespace = true;
    this.indention = true;
    this.out += data;
    this.column = 0;
  }

  /** Writes the run of line breaks `data` (a `\n` first doubles as in SnakeYAML's folding rules). */
  private writeBreaks(data: string): void {
    for (const br of data) this.writeLineBreak(br);
  }

  private writePlain(text: string): void {
    if (text === "") return;
    if (!this.whitespace) this.write(" ");
    this.whitespace = false;
    this.indention = false;
    let breaks = false;
    let start = 0;
    for (let end = 0; end <= text.length; end++) {
      const char = text.charAt(end);
      if (breaks) {
        if (!isLineBreak(char)) {
          if (text.charAt(start) === "\n") this.writeLineBreak("\n");
          this.writeBreaks(text.slice(start, end));
          this.writeIndent();
          this.whitespace = false;
          this.indention = false;
          start = end;
        }
      } else if (char === "" || isLineBreak(char)) {
        this.write(text.slice(start, end));
        start = end;
      }
      breaks = isLineBreak(char);
    }
  }

  private writeSingleQuoted(text: string): void {
    this.writeIndicator("'", true, false, false);
    let breaks = false;
    let start = 0;
    for (let end = 0; end <= text.length; end++) {
      const char = text.charAt(end);
      if (breaks) {
        if (!isLineBreak(char)) {
          if (text.charAt(start) === "\n") this.writeLineBreak("\n");
          this.writeBreaks(text.slice(start, end));
          this.writeIndent();
          start = end;
        }
      } else if (char === "" || char === "'" || isLineBreak(char)) {
        this.write(text.slice(start, end));
        start = end;
      }
      if (char === "'") {
        this.write("''");
        start = end + 1;
      }
      breaks = isLineBreak(char);
    }
    this.writeIndicator("'", false, false, false);
  }

  private writeDoubleQuoted(text: string): void {
    this.writeIndicator('"', true, false, false);
    let out = "";
    for (let i = 0; i < text.length; i++) {
      const char = text.charAt(i);
      const code = text.charCodeAt(i);
      if (!('"\\\u0085\u2028\u2029\ufeff'.includes(char) || code < 0x20 || code > 0x7e)) {
        out += char;
        continue;
      }
      const short = ESCAPES[char];
      if (short !== undefined) {
        out += `\\${short}`;
        continue;
      }
      const point = text.codePointAt(i) ?? code;
      if (isPrintable(point)) {
        out += String.fromCodePoint(point);
        if (point > 0xffff) i++;
      } else if (code <= 0xff) out += `\\x${code.toString(16).padStart(2, "0")}`;
      else if (point > 0xffff) {
        out += `\\U${point.toString(16).padStart(8, "0")}`;
        i++;
      } else out += `\\u${code.toString(16).padStart(4, "0")}`;
    }
    this.write(out);
    this.writeIndicator('"', false, false, false);
  }

  private writeLiteral(text: string): void {
    let hints = "";
    if (isLineBreak(text.charAt(0)) || text.charAt(0) === " ") hints += String(INDENT);
    const last = text.charAt(text.length - 1);
    if (!isLineBreak(last)) hints += "-";
    else if (text.length === 1 || isLineBreak(text.charAt(text.length - 2))) hints += "+";
    this.writeIndicator(`|${hints}`, true, false, false);
    this.writeLineBreak("\n");
    let breaks = true;
    let start = 0;
    for (let end = 0; end <= text.length; end++) {
      const char = text.charAt(end);
      if (breaks) {
        if (char === "" || !isLineBreak(char)) {
          this.writeBreaks(text.slice(start, end));
          if (char !== "") this.writeIndent();
          start = end;
        }
      } else if (char === "" || isLineBreak(char)) {
        this.out += text.slice(start, end);
        if (char === "") this.writeLineBreak("\n");
        start = end;
      }
      if (char !== "") breaks = isLineBreak(char);
    }
  }
}

/** Kestra's `yaml` filter output for a non-null value. */
export function toYamlText(value: unknown): string {
  return new Emitter().document(value);
}
