/**
 * The Pebble parser: tokens → AST, with Pebble's operator precedences (Kestra's `??` and
 * `???` at 120, above `|` and `~`) and its tags. Errors name the line and column.
 */
import type { At, CallArgs, Expr, Macro, Node, Template } from "./ast.js";
import { ExpressionError } from "./errors.js";
import { type Token, tokenize } from "./lexer.js";
import { double } from "./values.js";

interface BinaryOperator {
  readonly precedence: number;
  readonly kind: "normal" | "filter" | "test";
}

const BINARY: ReadonlyMap<string, BinaryOperator> = new Map([
  ["or", { precedence: 10, kind: "normal" }],
  ["and", { precedence: 15, kind: "normal" }],
  ["is", { precedence: 20, kind: "test" }],
  ["is not", { precedence: 20, kind: "test" }],
  ["contains", { precedence: 20, kind: "normal" }],
  ["==", { precedence: 30, kind: "normal" }],
  ["equals", { precedence: 30, kind: "normal" }],
  ["!=", { precedence: 30, kind: "normal" }],
  ["<", { precedence: 30, kind: "normal" }],
  [">", { precedence: 30, kind: "normal" }],
  ["<=", { precedence: 30, kind: "normal" }],
  [">=", { precedence: 30, kind: "normal" }],
  ["+", { precedence: 40, kind: "normal" }],
  ["-", { precedence: 40, kind: "normal" }],
  ["*", { precedence: 60, kind: "normal" }],
  ["/", { precedence: 60, kind: "normal" }],
  ["%", { precedence: 60, kind: "normal" }],
  ["|", { precedence: 100, kind: "filter" }],
  ["~", { precedence: 110, kind: "normal" }],
  ["..", { precedence: 120, kind: "normal" }],
  ["??", { precedence: 120, kind: "normal" }],
  ["???", { precedence: 120, kind: "normal" }],
]);

const UNARY: ReadonlyMap<string, number> = new Map([
  ["not", 5],
  ["-", 500],
  ["+", 500],
]);

const LITERAL_NAMES: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ["true", true],
  ["false", false],
  ["null", null],
  ["none", null],
]);

/** Tags Pebble has but Kestra removes: a clear error instead of a silent difference. */
const KNOWN_TAGS = new Set(["if", "for", "set", "filter", "macro", "block"]);

/** Nesting limit of expressions and tags, so hostile templates cannot exhaust the stack. */
export const MAX_NESTING = 200;

export class Parser {
  private readonly tokens: readonly Token[];
  private position = 0;
  private depth = 0;
  private readonly macros = new Map<string, Macro>();
  private readonly blocks = new Map<string, readonly Node[]>();

  constructor(
    private readonly source: string,
    tokens?: readonly Token[],
  ) {
    this.tokens = tokens ?? tokenize(source);
  }

  parseTemplate(): Template {
    const body = this.parseBody([]);
    const token = this.current();
    if (token.type !== "eof") throw this.unexpected(token);
    return { source: this.source, body, macros: this.macros, blocks: this.blocks };
  }

  /** An expression alone (for `#{}` interpolation). */
  parseStandaloneExpression(): Expr {
    const expr = this.parseExpression(0);
    if (this.current().type !== "eof") throw this.unexpected(this.current());
    return expr;
  }

  private current(): Token {
    return this.tokens[this.position] ?? (this.tokens[this.tokens.length - 1] as Token);
  }

  private peek(offset = 1): Token {
    return this.tokens[this.position + offset] ?? (this.tokens[this.tokens.length - 1] as Token);
  }

  private next(): Token {
    const token = this.current();
    if (this.position < this.tokens.length - 1) this.position++;
    return token;
  }

  private at(token: Token): At {
    return { line: token.line, column: token.column };
  }

  private error(message: string, token: Token): ExpressionError {
    return new ExpressionError(
      "expression.syntax",
      `ParserException: ${message} (line ${token.line}, column ${token.column})`,
      this.at(token),
    );
  }

  private unexpected(token: Token): ExpressionError {
    if (token.type === "eof") return this.error("Unexpected end of template", token);
    return this.error(`Unexpected token of value "${token.value}"`, token);
  }

  private is(token: Token, type: Token["type"], value?: string): boolean {
    return token.type === type && (value === undefined || token.value === value);
  }

  private expect(type: Token["type"], value?: string, description?: string): Token {
    const token = this.current();
    if (!this.is(token, type, value)) {
      if (type === "name" && value === undefined) throw this.error("expected token of type NAME", token);
      const wanted = description ?? `"${value ?? type}"`;
      if (token.type === "eof") throw this.error(`Unexpected end of template, expected ${wanted}`, token);
      throw this.error(`Unexpected token of value "${token.value}", expected ${wanted}`, token);
    }
    return this.next();
  }

  private enter(token: Token): void {
    this.depth++;
    if (this.depth > MAX_NESTING) {
      throw new ExpressionError("expression.limit", `template nests deeper than ${MAX_NESTING} levels`, this.at(token));
    }
  }

  /** Nodes until a tag whose name is in `ends` (left unconsumed) or the end of the template. */
  private parseBody(ends: readonly string[]): Node[] {
    const nodes: Node[] = [];
    for (;;) {
      const token = this.current();
      if (token.type === "eof") return nodes;
      if (token.type === "text") {
        nodes.push({ k: "text", text: token.value });
        this.next();
      } else if (token.type === "print-open") {
        this.next();
        const expr = this.parseExpression(0);
        this.expect("print-close", undefined, '"}}"');
        nodes.push({ k: "print", expr, at: this.at(token) });
      } else if (token.type === "tag-open") {
        const name = this.peek();
        if (name.type === "name" && ends.includes(name.value)) return nodes;
        const node = this.parseTag();
        if (node) nodes.push(node);
      } else {
        throw this.unexpected(token);
      }
    }
  }

  /** Parses a body that must end with one of `ends`; returns the body and the end tag met. */
  private parseUntil(ends: readonly string[], opening: Token, endName: string): { body: Node[]; end: string } {
    this.enter(opening);
    const body = this.parseBody(ends);
    this.depth--;
    if (this.current().type === "eof") {
      throw this.error(`Unexpected end of template. Pebble was looking for the "${endName}" tag`, opening);
    }
    this.next(); // tag-open
    const end = this.next().value;
    return { body, end };
  }

  private parseTag(): Node | undefined {
    const open = this.next();
    const nameToken = this.current();
    if (nameToken.type !== "name") throw this.unexpected(nameToken);
    const name = nameToken.value;
    if (!KNOWN_TAGS.has(name)) throw this.error(`Unexpected tag name "${name}"`, nameToken);
    this.next();
    switch (name) {
      case "if":
        return this.parseIf(open);
      case "for":
        return this.parseFor(open);
      case "set":
        return this.parseSet(open);
      case "filter":
        return this.parseFilterBlock(open);
      case "macro":
        this.parseMacro(open);
        return undefined;
      default:
        return this.parseBlock(open);
    }
  }

  private closeTag(): void {
    this.expect("tag-close", undefined, '"%}"');
  }

  private parseIf(open: Token): Node {
    const branches: { condition: Expr; body: Node[] }[] = [];
    let condition = this.parseExpression(0);
    this.closeTag();
    let otherwise: Node[] | undefined;
    for (;;) {
      const { body, end } = this.parseUntil(["elseif", "else", "endif"], open, "endif");
      branches.push({ condition, body });
      if (end === "endif") {
        this.closeTag();
        break;
      }
      if (end === "else") {
        this.closeTag();
        const rest = this.parseUntil(["endif"], open, "endif");
        otherwise = rest.body;
        this.closeTag();
        break;
      }
      condition = this.parseExpression(0);
      this.closeTag();
    }
    return otherwise ? { k: "if", branches, otherwise, at: this.at(open) } : { k: "if", branches, at: this.at(open) };
  }

  private parseFor(open: Token): Node {
    const variable = this.expect("name").value;
    const inToken = this.current();
    if (!this.is(inToken, "name", "in")) throw this.unexpected(inToken);
    this.next();
    const iterable = this.parseExpression(0);
    this.closeTag();
    const first = this.parseUntil(["else", "endfor"], open, "endfor");
    this.closeTag();
    if (first.end === "endfor") return { k: "for", variable, iterable, body: first.body, at: this.at(open) };
    const rest = this.parseUntil(["endfor"], open, "endfor");
    this.closeTag();
    return { k: "for", variable, iterable, body: first.body, otherwise: rest.body, at: this.at(open) };
  }

  private parseSet(open: Token): Node {
    const nameToken = this.current();
    if (nameToken.type === "name" && LITERAL_NAMES.has(nameToken.value)) {
      throw this.error(`Can not assign a value to ${nameToken.value}`, nameToken);
    }
    const name = this.expect("name").value;
    this.expect("punctuation", "=");
    const expr = this.parseExpression(0);
    this.closeTag();
    return { k: "set", name, expr, at: this.at(open) };
  }

  private parseFilterBlock(open: Token): Node {
    const filters: { name: string; args: CallArgs; at: At }[] = [];
    for (;;) {
      const token = this.expect("name");
      filters.push({ name: token.value, args: this.parseOptionalArgs(), at: this.at(token) });
      if (!this.is(this.current(), "operator", "|")) break;
      this.next();
    }
    this.closeTag();
    const { body } = this.parseUntil(["endfilter"], open, "endfilter");
    this.closeTag();
    return { k: "filter-block", filters, body, at: this.at(open) };
  }

  private parseMacro(open: Token): void {
    const name = this.expect("name").value;
    this.expect("punctuation", "(");
    const params: { name: string; defaultValue?: Expr }[] = [];
    while (!this.is(this.current(), "punctuation", ")")) {
      const param = this.expect("name").value;
      if (this.is(this.current(), "punctuation", "=")) {
        this.next();
        params.push({ name: param, defaultValue: this.parseExpression(0) });
      } else {
        params.push({ name: param });
      }
      if (this.is(this.current(), "punctuation", ",")) this.next();
      else break;
    }
    this.expect("punctuation", ")");
    this.closeTag();
    const { body } = this.parseUntil(["endmacro"], open, "endmacro");
    this.closeTag();
    this.macros.set(name, { name, params, body });
  }

  private parseBlock(open: Token): Node {
    const token = this.next();
    if (token.type !== "name" && token.type !== "string") throw this.unexpected(token);
    this.closeTag();
    const { body } = this.parseUntil(["endblock"], open, "endblock");
    if (this.current().type === "name") this.next(); // {% endblock name %}
    this.closeTag();
    this.blocks.set(token.value, body);
    return { k: "block", name: token.value, body, at: this.at(open) };
  }

  parseExpression(minPrecedence: number): Expr {
    const start = this.current();
    this.enter(start);
    let expr: Expr;
    const unary = start.type === "operator" ? UNARY.get(start.value) : undefined;
    if (unary !== undefined) {
      this.next();
      const operand = this.parseExpression(unary);
      expr = { k: "unary", op: start.value as "not" | "-" | "+", operand, at: this.at(start) };
    } else if (this.is(start, "punctuation", "(")) {
      this.next();
      expr = this.parseExpression(0);
      this.expect("punctuation", ")");
      expr = this.parsePostfix(expr);
    } else {
      expr = this.parsePrimary();
    }
    // Each operator in a chain (`a + b + c ...`) nests the tree one level deeper.
    let chain = 0;
    for (;;) {
      const token = this.current();
      const op = token.type === "operator" ? BINARY.get(token.value) : undefined;
      if (op === undefined || op.precedence < minPrecedence) break;
      this.next();
      this.enter(token);
      chain++;
      if (op.kind === "filter") {
        const name = this.expect("name");
        expr = { k: "filter", input: expr, name: name.value, args: this.parseOptionalArgs(), at: this.at(name) };
      } else if (op.kind === "test") {
        const name = this.expect("name");
        expr = {
          k: "test",
          input: expr,
          name: name.value,
          args: this.parseOptionalArgs(),
          negate: token.value === "is not",
          at: this.at(name),
        };
      } else {
        const right = this.parseExpression(op.precedence + 1);
        expr = {
          k: "binary",
          op: token.value === "equals" ? "==" : token.value,
          left: expr,
          right,
          at: this.at(token),
        };
      }
    }
    if (minPrecedence === 0 && this.is(this.current(), "punctuation", "?")) {
      const question = this.next();
      const yes = this.parseExpression(0);
      this.expect("punctuation", ":");
      const no = this.parseExpression(0);
      expr = { k: "ternary", condition: expr, yes, no, at: this.at(question) };
    }
    this.depth -= 1 + chain;
    return expr;
  }

  private parsePrimary(): Expr {
    const token = this.next();
    const at = this.at(token);
    switch (token.type) {
      case "number":
        // Integer literals are Java longs, decimals doubles (`4.0` stays a double).
        return {
          k: "literal",
          value: token.value.includes(".") ? double(Number(token.value)) : BigInt(token.value),
          at,
        };
      case "string":
        return this.stringLiteral(token);
      case "name": {
        if (LITERAL_NAMES.has(token.value)) return { k: "literal", value: LITERAL_NAMES.get(token.value), at };
        if (this.is(this.current(), "punctuation", "(")) {
          return this.parsePostfix({ k: "call", name: token.value, args: this.parseArgs(), at });
        }
        return this.parsePostfix({ k: "variable", name: token.value, at });
      }
      case "punctuation":
        if (token.value === "[") return this.parseList(at);
        if (token.value === "{") return this.parseMap(at);
        throw this.unexpected(token);
      default:
        throw this.unexpected(token);
    }
  }

  private stringLiteral(token: Token): Expr {
    const at = this.at(token);
    if (!token.parts) return { k: "literal", value: token.value, at };
    const parts = token.parts.map((part): Expr => {
      if ("text" in part) return { k: "literal", value: part.text, at };
      return new Parser(this.source, part.expression).parseStandaloneExpression();
    });
    return { k: "interpolation", parts, at };
  }

  private parseList(at: At): Expr {
    const items: Expr[] = [];
    while (!this.is(this.current(), "punctuation", "]")) {
      items.push(this.parseExpression(0));
      if (this.is(this.current(), "punctuation", ",")) this.next();
      else break;
    }
    this.expect("punctuation", "]");
    return { k: "list", items, at };
  }

  private parseMap(at: At): Expr {
    const entries: [Expr, Expr][] = [];
    while (!this.is(this.current(), "punctuation", "}")) {
      const key = this.parseExpression(0);
      this.expect("punctuation", ":");
      entries.push([key, this.parseExpression(0)]);
      if (this.is(this.current(), "punctuation", ",")) this.next();
      else break;
    }
    this.expect("punctuation", "}");
    return { k: "map", entries, at };
  }

  /** `.name`, `.name(args)` and `[key]` after a variable, call or parenthesised expression. */
  private parsePostfix(start: Expr): Expr {
    let expr = start;
    for (;;) {
      const token = this.current();
      if (this.is(token, "punctuation", ".")) {
        this.next();
        const name = this.expect("name");
        const args = this.is(this.current(), "punctuation", "(") ? this.parseArgs() : undefined;
        expr = args
          ? { k: "attribute", object: expr, name: name.value, args, at: this.at(name) }
          : { k: "attribute", object: expr, name: name.value, at: this.at(name) };
      } else if (this.is(token, "punctuation", "[")) {
        this.next();
        const key = this.parseExpression(0);
        this.expect("punctuation", "]");
        expr = { k: "index", object: expr, key, at: this.at(token) };
      } else {
        return expr;
      }
    }
  }

  private parseOptionalArgs(): CallArgs {
    return this.is(this.current(), "punctuation", "(") ? this.parseArgs() : { positional: [], named: [] };
  }

  private parseArgs(): CallArgs {
    this.expect("punctuation", "(");
    const positional: Expr[] = [];
    const named: [string, Expr][] = [];
    while (!this.is(this.current(), "punctuation", ")")) {
      const token = this.current();
      if (token.type === "name" && this.is(this.peek(), "punctuation", "=")) {
        this.next();
        this.next();
        named.push([token.value, this.parseExpression(0)]);
      } else {
        if (named.length > 0) throw this.error("Positional arguments must come before named arguments", token);
        positional.push(this.parseExpression(0));
      }
      if (this.is(this.current(), "punctuation", ",")) this.next();
      else break;
    }
    this.expect("punctuation", ")");
    return { positional, named };
  }
}

export function parseTemplate(source: string): Template {
  return new Parser(source).parseTemplate();
}
