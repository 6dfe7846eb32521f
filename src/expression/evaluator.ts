/**
 * The evaluator: walks a parsed template against variables with Kestra's semantics —
 * strict variables, `??`/`???`, `default` and `is defined` catching undefined values,
 * Kestra's truthiness, Java arithmetic and printing — writing text or a typed value.
 * It is synchronous; storage lookups suspend the render (see engine.ts), which is then
 * replayed with the value in hand.
 */
import type { At, CallArgs, Expr, Macro, Node, Template } from "./ast.js";
import { ExpressionError } from "./errors.js";
import type { Args, CallContext, FilterDefinition, FunctionDefinition, TestDefinition } from "./extension.js";
import { hashMapOrder, longHash, stringHash } from "./java-hashmap.js";
import { callMethod, isNotFound } from "./methods.js";
import { arithmetic, compare, contains, equals, negate, operationError, range } from "./operators.js";
import { Scope } from "./scope.js";
import { isMap, isNumber, javaClassName, javaString, markHashMap, printValue, toNumber } from "./values.js";

/** A missing variable, attribute or index: Kestra's strict-variables error. */
export class UndefinedError extends ExpressionError {
  constructor(
    readonly variable: string,
    at?: At,
  ) {
    super("expression.undefined", `Unable to find \`${variable}\``, at);
  }
}

/** Thrown to suspend a render until an asynchronous lookup resolves (never caught as an error). */
export class Suspend {
  constructor(
    readonly key: string,
    readonly load: () => Promise<unknown>,
  ) {}
}

export interface Extensions {
  readonly filters: ReadonlyMap<string, FilterDefinition>;
  readonly functions: ReadonlyMap<string, FunctionDefinition>;
  readonly tests: ReadonlyMap<string, TestDefinition>;
}

export interface Limits {
  readonly maxOutput: number;
  readonly maxLoopIterations: number;
  readonly maxCallDepth: number;
}

/**
 * A render stops past 32 Mi characters (a task's output may be tens of megabytes: outputs that
 * large are stored in chunks), a million loop iterations or 64 nested calls: runaway templates
 * fail with a message instead of exhausting a Worker's memory.
 */
export const DEFAULT_LIMITS: Limits = { maxOutput: 32 * 1024 * 1024, maxLoopIterations: 1_000_000, maxCallDepth: 64 };

/** What an evaluation needs besides the template and variables. */
export interface EvaluationHost {
  readonly extensions: Extensions;
  readonly limits: Limits;
  /** A CallContext bound to a scope, for filters and functions. */
  callContext(scope: Scope, evaluation: Evaluation): CallContext;
}

const TYPED_TEXT = Symbol("text");

/** Collects output; in typed mode also keeps the single value a template writes. */
class Writer {
  private readonly parts: string[] = [];
  private size = 0;
  private first: unknown = TYPED_TEXT;
  private firstText = "";
  private writes = 0;
  private onlyText = true;
  typedError: string | undefined;

  constructor(private readonly maxOutput: number) {}

  text(text: string): void {
    this.append(text);
    if (this.writes === 0) {
      this.firstText = text;
    } else if (this.onlyText) {
      this.firstText += text;
    } else {
      this.typedError ??= `Tried to add ${textClass(text)} to ${this.classOf()}`;
    }
    this.writes++;
  }

  value(value: unknown): void {
    // Pebble writes nothing for null, and the typed writer does not count it.
    if (value === null || value === undefined) return;
    this.append(printValue(value));
    if (this.writes === 0) {
      this.first = value;
      this.onlyText = false;
    } else {
      this.typedError ??= `Tried to add ${javaClassName(value)} to ${this.classOf()}`;
      this.onlyText = false;
    }
    this.writes++;
  }

  /** What has been written so far: text accumulates in a String buffer. */
  private classOf(): string {
    return this.onlyText ? "java.lang.String" : javaClassName(this.first);
  }

  private append(text: string): void {
    this.size += text.length;
    if (this.size > this.maxOutput) {
      throw new ExpressionError(
        "expression.limit",
        `rendered output exceeds the limit of ${this.maxOutput} characters`,
      );
    }
    this.parts.push(text);
  }

  result(): string {
    return this.parts.join("");
  }

  /** The typed result: the single value written, the text, or null when nothing was written. */
  typed(): unknown {
    if (this.typedError) throw new ExpressionError("expression.type", this.typedError);
    if (this.writes === 0) return null;
    return this.onlyText ? this.firstText : this.first;
  }
}

function textClass(text: string): string {
  return text.length === 1 ? "java.lang.Character" : "java.lang.String";
}

const EMPTY_ARGS: CallArgs = { positional: [], named: [] };

/** What a lookup chain yields when a name, key or index is missing (without the cost of throwing). */
const MISSING = Symbol("missing");
const found = { value: undefined as unknown };

export class Evaluation {
  private iterations = 0;
  private depth = 0;

  constructor(
    readonly template: Template,
    private readonly host: EvaluationHost,
  ) {}

  /** Renders the template; `writer.result()` / `writer.typed()` give the outcome. */
  run(scope: Scope): Writer {
    const writer = new Writer(this.host.limits.maxOutput);
    this.body(this.template.body, scope, writer);
    return writer;
  }

  private body(nodes: readonly Node[], scope: Scope, out: Writer): void {
    for (const node of nodes) this.node(node, scope, out);
  }

  private node(node: Node, scope: Scope, out: Writer): void {
    switch (node.k) {
      case "text":
        out.text(node.text);
        return;
      case "print":
        out.value(this.at(node.at, () => this.expr(node.expr, scope)));
        return;
      case "if":
        for (const branch of node.branches) {
          if (this.at(branch.condition.at, () => this.condition(branch.condition, scope))) {
            this.body(branch.body, scope, out);
            return;
          }
        }
        if (node.otherwise) this.body(node.otherwise, scope, out);
        return;
      case "for":
        this.forLoop(node, scope, out);
        return;
      case "set":
        scope.assign(
          node.name,
          this.at(node.at, () => this.expr(node.expr, scope)),
        );
        return;
      case "filter-block": {
        const inner = new Writer(this.host.limits.maxOutput);
        this.body(node.body, scope, inner);
        let value: unknown = inner.result();
        for (const filter of node.filters) {
          value = this.at(filter.at, () => this.applyFilter(filter.name, value, filter.args, scope));
        }
        out.value(value);
        return;
      }
      case "block":
        this.body(node.body, scope, out);
        return;
    }
  }

  /** Attaches the node's position to an error raised while evaluating it. */
  private at<T>(at: { line: number; column: number }, run: () => T): T {
    try {
      return run();
    } catch (error) {
      if (error instanceof ExpressionError && error.line === undefined) {
        error.line = at.line;
        error.column = at.column;
      }
      throw error;
    }
  }

  private forLoop(node: Extract<Node, { k: "for" }>, scope: Scope, out: Writer): void {
    const iterable = this.at(node.at, () => this.expr(node.iterable, scope));
    if (iterable === null || iterable === undefined) return;
    let items: readonly unknown[];
    if (Array.isArray(iterable)) items = iterable;
    else if (isMap(iterable)) items = Object.entries(iterable).map(([key, value]) => ({ key, value }));
    else throw new ExpressionError("expression.type", "Not an iterable object", node.at);
    if (items.length === 0) {
      if (node.otherwise) this.body(node.otherwise, scope, out);
      return;
    }
    const length = items.length;
    for (let index = 0; index < length; index++) {
      if (++this.iterations > this.host.limits.maxLoopIterations) {
        throw new ExpressionError(
          "expression.limit",
          `loops ran more than ${this.host.limits.maxLoopIterations} iterations`,
          node.at,
        );
      }
      const inner = scope.child();
      inner.define(node.variable, items[index]);
      inner.define("loop", {
        index,
        revindex: length - index - 1,
        length,
        first: index === 0,
        last: index === length - 1,
      });
      this.body(node.body, inner, out);
    }
  }

  /** An `if` condition: Kestra's truthiness; any failure becomes Pebble's wrapped message. */
  private condition(expr: Expr, scope: Scope): boolean {
    let value: unknown;
    try {
      value = this.expr(expr, scope);
      return truthy(value, "if");
    } catch (error) {
      if (error instanceof Suspend || (error instanceof ExpressionError && error.code === "expression.limit"))
        throw error;
      throw new ExpressionError("expression.type", "Wrong operand(s) type in conditional expression");
    }
  }

  expr(expr: Expr, scope: Scope): unknown {
    switch (expr.k) {
      case "literal":
        return expr.value;
      case "interpolation":
        return expr.parts.map((part) => javaString(this.expr(part, scope))).join("");
      case "variable":
        return this.variable(expr.name, scope, expr.at);
      case "attribute":
        return this.attribute(expr, scope);
      case "index":
        return this.index(expr, scope);
      case "list":
        return expr.items.map((item) => this.expr(item, scope));
      case "map":
        return this.mapLiteral(expr, scope);
      case "unary":
        return this.unary(expr, scope);
      case "binary":
        return this.binary(expr, scope);
      case "ternary": {
        const condition = this.expr(expr.condition, scope);
        const chosen = condition === null || condition === undefined ? false : truthy(condition, "ternary");
        return this.expr(chosen ? expr.yes : expr.no, scope);
      }
      case "filter":
        return this.filter(expr, scope);
      case "test":
        return this.test(expr, scope);
      case "call":
        return this.call(expr, scope);
    }
  }

  /**
   * Evaluates where a missing variable is an expected outcome (`??`, `default`, `is defined`):
   * lookup chains return MISSING instead of throwing; other expressions fall back to catching.
   */
  private tryExpr(expr: Expr, scope: Scope): unknown {
    switch (expr.k) {
      case "variable":
        return scope.lookup(expr.name, found) ? found.value : MISSING;
      case "attribute": {
        const target = this.tryExpr(expr.object, scope);
        if (target === MISSING || target === null || target === undefined) return MISSING;
        if (expr.args === undefined && isMap(target))
          return Object.hasOwn(target, expr.name) ? target[expr.name] : MISSING;
        break;
      }
      case "index": {
        const target = this.tryExpr(expr.object, scope);
        if (target === MISSING || target === null || target === undefined) return MISSING;
        break;
      }
      default:
        break;
    }
    try {
      return this.expr(expr, scope);
    } catch (error) {
      if (error instanceof UndefinedError) return MISSING;
      throw error;
    }
  }

  private variable(name: string, scope: Scope, at: At): unknown {
    if (scope.lookup(name, found)) return found.value;
    throw new UndefinedError(name, at);
  }

  private attribute(expr: Extract<Expr, { k: "attribute" }>, scope: Scope): unknown {
    const target = this.expr(expr.object, scope);
    if (target === null || target === undefined) throw new UndefinedError(expr.name, expr.at);
    if (expr.args === undefined && isMap(target)) {
      if (Object.hasOwn(target, expr.name)) return target[expr.name];
      throw new UndefinedError(expr.name, expr.at);
    }
    const args = expr.args ? expr.args.positional.map((a) => this.expr(a, scope)) : undefined;
    const result = callMethod(target, expr.name, args);
    if (isNotFound(result)) throw new UndefinedError(expr.name, expr.at);
    return result;
  }

  private index(expr: Extract<Expr, { k: "index" }>, scope: Scope): unknown {
    const target = this.expr(expr.object, scope);
    const key = this.expr(expr.key, scope);
    const name = javaString(key);
    if (target === null || target === undefined) throw new UndefinedError(name, expr.at);
    if (Array.isArray(target)) {
      const position = isNumber(key) ? toNumber(key) : /^-?\d+$/.test(name) ? Number(name) : Number.NaN;
      if (!Number.isInteger(position) || position < 0 || position >= target.length)
        throw new UndefinedError(name, expr.at);
      return target[position];
    }
    if (isMap(target)) {
      if (Object.hasOwn(target, name)) return target[name];
      throw new UndefinedError(name, expr.at);
    }
    const result = callMethod(target, name, undefined);
    if (isNotFound(result)) throw new UndefinedError(name, expr.at);
    return result;
  }

  /** Map literals are Java HashMaps: keys iterate in hash order, not as written. */
  private mapLiteral(expr: Extract<Expr, { k: "map" }>, scope: Scope): Record<string, unknown> {
    const entries = expr.entries.map(([k, v]) => [this.expr(k, scope), this.expr(v, scope)] as const);
    const ordered = hashMapOrder(entries, ([key]) =>
      typeof key === "bigint" ? longHash(key) : stringHash(javaString(key)),
    );
    const out: Record<string, unknown> = {};
    for (const [key, value] of ordered) out[javaString(key)] = value;
    return markHashMap(out);
  }

  private unary(expr: Extract<Expr, { k: "unary" }>, scope: Scope): unknown {
    const value = this.expr(expr.operand, scope);
    if (expr.op === "not") {
      if (value === null || value === undefined)
        throw new ExpressionError("expression.type", "null value given to not()");
      return !truthy(value, "not");
    }
    if (expr.op === "-") return negate(value);
    if (!isNumber(value)) throw operationError("+");
    return value;
  }

  private binary(expr: Extract<Expr, { k: "binary" }>, scope: Scope): unknown {
    const { op } = expr;
    if (op === "??" || op === "???") return this.coalesce(expr, scope);
    if (op === "and" || op === "or") {
      const left = this.expr(expr.left, scope);
      if (left === null || left === undefined)
        throw new ExpressionError("expression.type", "null value used in and operator");
      const l = truthy(left, op);
      if (op === "and" ? !l : l) return l;
      const right = this.expr(expr.right, scope);
      if (right === null || right === undefined)
        throw new ExpressionError("expression.type", "null value used in and operator");
      return truthy(right, op);
    }
    if (op === "~") return javaConcat(this.expr(expr.left, scope)) + javaConcat(this.expr(expr.right, scope));
    if (op === "contains") return contains(this.expr(expr.left, scope), this.expr(expr.right, scope));
    if (op === "..") return range(this.expr(expr.left, scope), this.expr(expr.right, scope));
    let left: unknown;
    let right: unknown;
    try {
      left = this.expr(expr.left, scope);
      right = this.expr(expr.right, scope);
    } catch (error) {
      // An undefined operand becomes Pebble's operator error, which `??` does not catch.
      if (error instanceof UndefinedError) throw operationError(op);
      throw error;
    }
    switch (op) {
      case "==":
        return equals(left, right);
      case "!=":
        return !equals(left, right);
      case "<":
      case ">":
      case "<=":
      case ">=":
        return compare(op, left, right);
      default:
        return arithmetic(op, left, right);
    }
  }

  private coalesce(expr: Extract<Expr, { k: "binary" }>, scope: Scope): unknown {
    const left = this.tryExpr(expr.left, scope);
    if (left === MISSING) return this.expr(expr.right, scope);
    if (expr.op === "??" && (left === null || left === undefined)) return this.expr(expr.right, scope);
    return left;
  }

  private filter(expr: Extract<Expr, { k: "filter" }>, scope: Scope): unknown {
    let input: unknown;
    if (expr.name === "default") {
      input = this.tryExpr(expr.input, scope);
      if (input === MISSING) input = null;
    } else {
      input = this.expr(expr.input, scope);
    }
    return this.applyFilter(expr.name, input, expr.args, scope);
  }

  private applyFilter(name: string, input: unknown, args: CallArgs, scope: Scope): unknown {
    const filter = this.host.extensions.filters.get(name);
    if (!filter) throw new ExpressionError("expression.unknown-filter", `Filter [${name}] does not exist`);
    const values = this.args(filter.args, args, scope);
    return filter.apply(input, values, this.host.callContext(scope, this));
  }

  private test(expr: Extract<Expr, { k: "test" }>, scope: Scope): boolean {
    if (expr.name === "defined") {
      const value = this.tryExpr(expr.input, scope);
      const defined = value !== MISSING && value !== null && value !== undefined;
      return expr.negate ? !defined : defined;
    }
    const test = this.host.extensions.tests.get(expr.name);
    if (!test) throw new ExpressionError("expression.unknown-test", `Test [${expr.name}] does not exist`);
    const input = this.expr(expr.input, scope);
    const result = test.test(input, this.args(test.args, expr.args, scope), this.host.callContext(scope, this));
    return expr.negate ? !result : result;
  }

  private call(expr: Extract<Expr, { k: "call" }>, scope: Scope): unknown {
    const macro = this.template.macros.get(expr.name);
    if (macro) return this.callMacro(macro, expr.args, scope);
    if (expr.name === "block") {
      const name = javaString(this.expr(expr.args.positional[0] ?? { k: "literal", value: "", at: expr.at }, scope));
      const body = this.template.blocks.get(name);
      if (!body) throw new ExpressionError("expression.error", `Block [${name}] does not exist`);
      const inner = new Writer(this.host.limits.maxOutput);
      this.body(body, scope, inner);
      return inner.result();
    }
    const fn = this.host.extensions.functions.get(expr.name);
    if (!fn)
      throw new ExpressionError("expression.unknown-function", `Function or Macro [${expr.name}] does not exist`);
    return fn.call(this.args(fn.args, expr.args, scope), this.host.callContext(scope, this));
  }

  private callMacro(macro: Macro, args: CallArgs, scope: Scope): string {
    if (++this.depth > this.host.limits.maxCallDepth) {
      throw new ExpressionError("expression.limit", `macro calls nest deeper than ${this.host.limits.maxCallDepth}`);
    }
    try {
      const inner = Scope.root({});
      macro.params.forEach((param, i) => {
        const named = args.named.find(([name]) => name === param.name);
        const given = named ? named[1] : args.positional[i];
        const value = given
          ? this.expr(given, scope)
          : param.defaultValue
            ? this.expr(param.defaultValue, inner)
            : null;
        inner.define(param.name, value);
      });
      const writer = new Writer(this.host.limits.maxOutput);
      this.body(macro.body, inner, writer);
      return writer.result();
    } finally {
      this.depth--;
    }
  }

  /** Maps call arguments onto declared names: positional in order (extras ignored), then named. */
  private args(declared: readonly string[], args: CallArgs, scope: Scope): Args {
    if (args === EMPTY_ARGS || (args.positional.length === 0 && args.named.length === 0)) return {};
    const out: Record<string, unknown> = {};
    const positional = args.positional.map((arg) => this.expr(arg, scope));
    positional.forEach((value, i) => {
      const name = declared[i];
      if (name !== undefined) out[name] = value;
    });
    // Variadic definitions (max, min, tests) read every positional argument.
    if (positional.length > 0) out.$positional = positional;
    for (const [name, arg] of args.named) {
      if (!declared.includes(name)) {
        throw new ExpressionError("expression.argument", `The following named argument does not exist: ${name}`);
      }
      out[name] = this.expr(arg, scope);
    }
    return out;
  }

  /** Nesting guard for render() and other re-entrant calls. */
  enterCall(): void {
    if (++this.depth > this.host.limits.maxCallDepth) {
      throw new ExpressionError(
        "expression.limit",
        `Too many rendering attempts: nested more than ${this.host.limits.maxCallDepth} levels`,
      );
    }
  }

  leaveCall(): void {
    this.depth--;
  }
}

/** `~` writes Java toString, except that null is empty. */
function javaConcat(value: unknown): string {
  return value === null || value === undefined ? "" : javaString(value);
}

/**
 * Kestra's truthiness for `if`, `and`, `or`, `not` and the ternary: booleans, numbers
 * (≠ 0) and strings (non-empty); anything else cannot be cast to Boolean.
 */
export function truthy(value: unknown, where: string): boolean {
  if (typeof value === "boolean") return value;
  if (isNumber(value)) return toNumber(value) !== 0;
  if (typeof value === "string") return value.length > 0;
  throw new ExpressionError(
    "expression.type",
    `class ${javaClassName(value)} cannot be cast to class java.lang.Boolean (in ${where})`,
  );
}
