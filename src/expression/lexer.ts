/**
 * The Pebble lexer: template text → tokens. Text runs, `{{ }}` prints, `{% %}` tags and
 * `{# #}` comments, with Pebble's whitespace control (`{{-` trims only when whitespace
 * follows the dash) and Kestra's single-line `{% raw %}...{% endraw %}` pre-pass.
 */
import { ExpressionError } from "./errors.js";

export type TokenType =
  | "text"
  | "print-open"
  | "print-close"
  | "tag-open"
  | "tag-close"
  | "name"
  | "number"
  | "string"
  | "operator"
  | "punctuation"
  | "eof";

export interface Token {
  readonly type: TokenType;
  readonly value: string;
  /** 1-based line and column of the token's first character. */
  readonly line: number;
  readonly column: number;
  /** For strings: the parts of a double-quoted string with `#{...}` interpolation. */
  readonly parts?: readonly StringPart[];
}

export type StringPart = { readonly text: string } | { readonly expression: readonly Token[] };

/** Operators, longest first so that `???` wins over `??` and `is not` over `is`. */
const SYMBOL_OPERATORS = ["???", "??", "..", "==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "%", "~", "|"];
const WORD_OPERATORS = ["is not", "not", "and", "or", "is", "contains", "equals"];
const WORD_PATTERNS: readonly (readonly [string, RegExp])[] = WORD_OPERATORS.map((word) => [
  word,
  new RegExp(`^${word.replace(" ", "\\s+")}(?![A-Za-z0-9_$])`),
]);
const PUNCTUATION = new Set(["(", ")", "[", "]", "{", "}", ",", ":", ".", "?", "="]);

/** Kestra's raw pre-pass matches a raw block on one line only. */
const RAW_BLOCK = /\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}/y;
const VERBATIM_START = /\{%-?\s*verbatim\s*-?%\}/y;
const VERBATIM_END = /\{%-?\s*endverbatim\s*-?%\}/g;

export const MAX_TEMPLATE_LENGTH = 1024 * 1024;

interface Position {
  line: number;
  column: number;
}

export class Lexer {
  private readonly source: string;
  private index = 0;
  private line = 1;
  private column = 1;
  private readonly tokens: Token[] = [];
  /** Set when the previous delimiter ended with `-}}`/`-%}`/`-#}`: the next text is left-trimmed. */
  private trimNext = false;

  constructor(source: string) {
    if (source.length > MAX_TEMPLATE_LENGTH) {
      throw new ExpressionError(
        "expression.limit",
        `template is ${source.length} characters; the limit is ${MAX_TEMPLATE_LENGTH}`,
      );
    }
    this.source = source;
  }

  tokenize(): Token[] {
    while (this.index < this.source.length) this.lexText();
    this.push("eof", "", this.position());
    return this.tokens;
  }

  private position(): Position {
    return { line: this.line, column: this.column };
  }

  private push(type: TokenType, value: string, at: Position, parts?: readonly StringPart[]): void {
    this.tokens.push(parts ? { type, value, ...at, parts } : { type, value, ...at });
  }

  private advance(count: number): void {
    for (let i = 0; i < count; i++) {
      if (this.source.charCodeAt(this.index) === 10) {
        this.line++;
        this.column = 1;
      } else {
        this.column++;
      }
      this.index++;
    }
  }

  private error(message: string, at: Position = this.position()): ExpressionError {
    return new ExpressionError(
      "expression.syntax",
      `ParserException: ${message} (line ${at.line}, column ${at.column})`,
      at,
    );
  }

  /** Text up to the next delimiter, then the delimited construct. */
  private lexText(): void {
    const start = this.position();
    const open = this.nextDelimiter(this.index);
    let text = this.source.slice(this.index, open === -1 ? this.source.length : open);
    if (this.trimNext) {
      text = text.replace(/^\s+/, "");
      this.trimNext = false;
    }
    const end = open === -1 ? this.source.length : open;
    // Kestra's raw pre-pass runs before Pebble: dashes on a raw tag do not trim.
    RAW_BLOCK.lastIndex = open;
    const trimBefore =
      open !== -1 &&
      this.source[open + 2] === "-" &&
      /\s/.test(this.source[open + 3] ?? "") &&
      !RAW_BLOCK.test(this.source);
    if (trimBefore) text = text.replace(/\s+$/, "");
    this.advance(end - this.index);
    if (text.length > 0 || open === -1 || trimBefore) this.pushText(text, start);
    if (open === -1) return;
    const kind = this.source.slice(open, open + 2);
    if (kind === "{#") this.lexComment();
    else if (kind === "{{") this.lexPrint();
    else this.lexTag();
  }

  /** Adjacent text tokens (raw blocks, verbatim) merge into one, as Pebble writes them as one node. */
  private pushText(text: string, at: Position): void {
    this.push("text", text, at);
  }

  private nextDelimiter(from: number): number {
    let i = this.source.indexOf("{", from);
    while (i !== -1) {
      const next = this.source[i + 1];
      if (next === "{" || next === "%" || next === "#") return i;
      i = this.source.indexOf("{", i + 1);
    }
    return -1;
  }

  private lexComment(): void {
    const at = this.position();
    const end = this.source.indexOf("#}", this.index + 2);
    if (end === -1) throw this.error("unclosed comment: expected #}", at);
    this.trimNext = this.source[end - 1] === "-";
    this.advance(end + 2 - this.index);
  }

  private lexPrint(): void {
    const at = this.position();
    this.push("print-open", "{{", at);
    this.advance(2);
    if (this.source[this.index] === "-" && /\s/.test(this.source[this.index + 1] ?? "")) this.advance(1);
    this.lexExpression("}}");
    this.push("print-close", "}}", this.position());
    this.advance(2);
  }

  private lexTag(): void {
    const at = this.position();
    RAW_BLOCK.lastIndex = this.index;
    const raw = RAW_BLOCK.exec(this.source);
    if (raw) {
      this.pushText(raw[1] ?? "", at);
      this.advance(raw[0].length);
      return;
    }
    VERBATIM_START.lastIndex = this.index;
    const verbatim = VERBATIM_START.exec(this.source);
    if (verbatim) {
      VERBATIM_END.lastIndex = this.index + verbatim[0].length;
      const end = VERBATIM_END.exec(this.source);
      if (!end) throw this.error('Pebble was looking for the "endverbatim" tag', at);
      // Pebble 3.2.2 always left-trims the body of a verbatim block.
      const body = this.source.slice(this.index + verbatim[0].length, end.index).replace(/^\s+/, "");
      this.pushText(body, at);
      this.advance(end.index + end[0].length - this.index);
      return;
    }
    this.push("tag-open", "{%", at);
    this.advance(2);
    if (this.source[this.index] === "-" && /\s/.test(this.source[this.index + 1] ?? "")) this.advance(1);
    this.lexExpression("%}");
    this.push("tag-close", "%}", this.position());
    this.advance(2);
  }

  /**
   * Expression tokens until `close` (`}}` or `%}`), honouring a trailing `-` trim marker.
   * Inside brackets a `}}` closes a map literal, not the print (`{{ {'a': {'b': 1}} }}`).
   */
  private lexExpression(close: string): void {
    let brackets = 0;
    for (;;) {
      this.skipWhitespace();
      if (this.index >= this.source.length) throw this.error(`unexpected end of template, expected "${close}"`);
      if (brackets === 0 && this.source.startsWith(close, this.index)) return;
      if (brackets === 0 && this.source[this.index] === "-" && this.source.startsWith(close, this.index + 1)) {
        this.trimNext = true;
        this.advance(1);
        return;
      }
      const before = this.tokens.length;
      this.lexToken();
      const token = this.tokens[before];
      if (token?.type === "punctuation") {
        if (token.value === "(" || token.value === "[" || token.value === "{") brackets++;
        else if ((token.value === ")" || token.value === "]" || token.value === "}") && brackets > 0) brackets--;
      }
    }
  }

  private skipWhitespace(): void {
    while (this.index < this.source.length && /\s/.test(this.source[this.index] ?? "")) this.advance(1);
  }

  private lexToken(): void {
    const at = this.position();
    const rest = this.source.slice(this.index, this.index + 64);
    const char = rest[0] ?? "";
    if (char === "'" || char === '"') {
      this.lexString(char, at);
      return;
    }
    // `\.\d` needs a digit after the dot, so `1..5` lexes as 1, `..`, 5.
    const number = /^\d+(?:\.\d+)?/.exec(rest);
    if (number) {
      this.push("number", number[0], at);
      this.advance(number[0].length);
      return;
    }
    for (const [word, pattern] of WORD_PATTERNS) {
      const match = pattern.exec(rest);
      if (match) {
        this.push("operator", word, at);
        this.advance(match[0].length);
        return;
      }
    }
    const name = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(rest);
    if (name) {
      this.push("name", name[0], at);
      this.advance(name[0].length);
      return;
    }
    for (const symbol of SYMBOL_OPERATORS) {
      if (rest.startsWith(symbol)) {
        this.push("operator", symbol, at);
        this.advance(symbol.length);
        return;
      }
    }
    if (PUNCTUATION.has(char)) {
      this.push("punctuation", char, at);
      this.advance(1);
      return;
    }
    throw this.error(`Unexpected character "${char}"`, at);
  }

  /** A string literal: only `\'` and `\"` are unescaped; double quotes allow `#{...}` interpolation. */
  private lexString(quote: string, at: Position): void {
    let i = this.index + 1;
    let text = "";
    const parts: StringPart[] = [];
    for (;;) {
      if (i >= this.source.length) throw this.error("unclosed string literal", at);
      const char = this.source[i];
      if (char === "\\" && (this.source[i + 1] === "'" || this.source[i + 1] === '"')) {
        text += this.source[i + 1];
        i += 2;
        continue;
      }
      if (char === quote) break;
      if (quote === '"' && char === "#" && this.source[i + 1] === "{") {
        const close = this.matchingBrace(i + 1);
        if (close === -1) throw this.error("unclosed #{ in string", at);
        if (text) parts.push({ text });
        text = "";
        const inner = new Lexer(this.source.slice(i + 2, close));
        const innerTokens = inner.lexInterpolation(at);
        parts.push({ expression: innerTokens });
        i = close + 1;
        continue;
      }
      text += char;
      i++;
    }
    if (parts.length > 0 && text) parts.push({ text });
    this.push("string", parts.length > 0 ? "" : text, at, parts.length > 0 ? parts : undefined);
    this.advance(i + 1 - this.index);
  }

  private matchingBrace(open: number): number {
    let depth = 0;
    for (let i = open; i < this.source.length; i++) {
      if (this.source[i] === "{") depth++;
      else if (this.source[i] === "}") {
        depth--;
        if (depth === 0) return i;
      }
    }
    return -1;
  }

  /** Tokens of an interpolated `#{...}` expression, positioned at the string literal. */
  lexInterpolation(at: Position): Token[] {
    const out: Token[] = [];
    while (this.index < this.source.length) {
      this.skipWhitespace();
      if (this.index >= this.source.length) break;
      this.lexToken();
    }
    for (const token of this.tokens) out.push({ ...token, line: at.line, column: at.column });
    out.push({ type: "eof", value: "", line: at.line, column: at.column });
    return out;
  }
}

export function tokenize(source: string): Token[] {
  return new Lexer(source).tokenize();
}
