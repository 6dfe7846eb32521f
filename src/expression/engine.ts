/**
 * The expression engine: parse (with a cache), render to a string or a typed value,
 * render maps and lists recursively, and run storage lookups asynchronously by
 * suspending and replaying the render — so plain templates never pay for async.
 */
import { Temporal } from "temporal-polyfill";
import type { Template } from "./ast.js";
import { ExpressionError } from "./errors.js";
import {
  DEFAULT_LIMITS,
  type Evaluation,
  type EvaluationHost,
  Evaluation as EvaluationImpl,
  type Extensions,
  type Limits,
  Suspend,
  UndefinedError,
} from "./evaluator.js";
import type { CallContext, FilterDefinition, FunctionDefinition, RenderStores, TestDefinition } from "./extension.js";
import { parseTemplate } from "./parser.js";
import { Scope } from "./scope.js";
import { isMap, toPlain } from "./values.js";

export interface EngineOptions {
  readonly filters?: readonly FilterDefinition[];
  readonly functions?: readonly FunctionDefinition[];
  readonly tests?: readonly TestDefinition[];
  readonly limits?: Partial<Limits>;
  /** How many parsed templates to keep (the oldest are dropped first). */
  readonly cacheSize?: number;
}

export interface RenderOptions {
  /** Server default time zone (IANA); `UTC` by default. */
  readonly timeZone?: string;
  /** Server locale (BCP 47); `en-US` by default. */
  readonly locale?: string;
  /** Clock for now(); the real clock by default. */
  readonly now?: () => Temporal.Instant;
  readonly stores?: RenderStores;
  /** Called with every secret value a render reads, so logs can mask it. */
  readonly registerSecret?: (value: string) => void;
  /**
   * For synchronous renders: storage lookups already made (by key), shared by the renders of a
   * caller that retries once it has them, and told each lookup a render could not wait for.
   */
  readonly lookups?: SyncLookups;
}

/**
 * How a synchronous caller (the executor's renders) gets storage values: a render that needs
 * one it has not got fails and reports it in `missing`; the caller loads the missing ones
 * (`load`) into `resolved` and renders again.
 */
export interface SyncLookups {
  readonly resolved: Map<string, { value?: unknown; error?: unknown }>;
  readonly missing: Map<string, () => Promise<unknown>>;
}

/** How many times one render may suspend for storage lookups before giving up. */
const MAX_SUSPENDS = 256;
/** Kestra's cap on recursive rendering (`render()` of values that render to templates). */
const MAX_RENDER_PASSES = 100;

interface RenderState {
  readonly options: RenderOptions;
  readonly resolved: Map<string, { value?: unknown; error?: unknown }>;
  /** How deep render() calls are nested inside this render. */
  depth: number;
}

const systemNow = () => Temporal.Now.instant();

/** A synchronous render's state: the lookups its caller already made, if any. */
function syncState(options: RenderOptions): RenderState {
  return { options, resolved: options.lookups?.resolved ?? new Map(), depth: 0 };
}
const NO_STORES: RenderStores = {};

/** What a filter or function sees of the render it runs in (one per call: methods live on the prototype). */
class RenderCall implements CallContext {
  readonly timeZone: string;
  readonly locale: string;
  readonly now: () => Temporal.Instant;
  readonly stores: RenderStores;

  constructor(
    private readonly engine: ExpressionEngine,
    private readonly scope: Scope,
    private readonly evaluation: Evaluation,
    private readonly state: RenderState,
    private readonly root: Readonly<Record<string, unknown>>,
  ) {
    const { options } = state;
    this.timeZone = options.timeZone ?? "UTC";
    this.locale = options.locale ?? "en-US";
    this.now = options.now ?? systemNow;
    this.stores = options.stores ?? NO_STORES;
  }

  variable(name: string): unknown {
    const found = { value: undefined as unknown };
    return this.scope.lookup(name, found) ? found.value : undefined;
  }

  /** printContext() shows the execution's variables, not `set` ones nor Pebble's globals. */
  variables(): Readonly<Record<string, unknown>> {
    return this.root;
  }

  render(value: unknown, recursive: boolean): unknown {
    return this.engine.renderNested(value, recursive, this.scope, this.evaluation, this.state);
  }

  await<T>(key: string, load: () => Promise<T>): T {
    const entry = this.state.resolved.get(key);
    if (entry === undefined) throw new Suspend(key, load);
    if ("error" in entry) throw entry.error;
    return entry.value as T;
  }

  registerSecret(value: string): void {
    this.state.options.registerSecret?.(value);
  }
}

/**
 * Runs a synchronous render; a storage lookup it cannot wait for becomes a clear error, and is
 * reported to the caller's `lookups` when it has some.
 */
function synchronously<T>(run: () => T, options: RenderOptions): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof Suspend) {
      options.lookups?.missing.set(error.key, error.load);
      throw new ExpressionError(
        "expression.storage",
        `this template reads storage (${error.key.split(":")[0]}): render it with renderAsync`,
      );
    }
    throw error;
  }
}

export class ExpressionEngine {
  private readonly extensions: Extensions;
  private readonly limits: Limits;
  private readonly cache = new Map<string, Template>();
  private readonly cacheSize: number;

  constructor(options: EngineOptions = {}) {
    const functions = new Map((options.functions ?? []).map((f) => [f.name, f]));
    for (const builtin of this.builtinFunctions()) functions.set(builtin.name, builtin);
    this.extensions = {
      filters: new Map((options.filters ?? []).map((f) => [f.name, f])),
      functions,
      tests: new Map((options.tests ?? []).map((t) => [t.name, t])),
    };
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.cacheSize = options.cacheSize ?? 1000;
  }

  /** Parses a template (cached). Throws an ExpressionError with line, column and caret on syntax errors. */
  parse(source: string): Template {
    // A hit is returned as is: refreshing its place on every render costs more than it saves.
    const cached = this.cache.get(source);
    if (cached) return cached;
    const template = parseTemplate(source);
    this.cache.set(source, template);
    if (this.cache.size > this.cacheSize) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    return template;
  }

  /** Renders to a string. Storage functions (kv, secret, read...) need renderAsync. */
  render(source: string, variables: Readonly<Record<string, unknown>>, options: RenderOptions = {}): string {
    if (!source.includes("{")) return source;
    return synchronously(() => this.once(source, variables, syncState(options), false), options) as string;
  }

  /** Renders to the typed value when the template is a single expression (`{{ 1 + 1 }}` → 2). */
  renderTyped(source: string, variables: Readonly<Record<string, unknown>>, options: RenderOptions = {}): unknown {
    if (!source.includes("{")) return source;
    return toPlain(synchronously(() => this.once(source, variables, syncState(options), true), options));
  }

  /**
   * Renders a property as the executor does: a string that is one expression gives its typed
   * value (`"{{ n }}"` → 2), any other string gives text (`"n{{ n }}"` → "n2"); maps and
   * lists are rendered inside. Storage functions need renderValueAsync.
   */
  renderValue(value: unknown, variables: Readonly<Record<string, unknown>>, options: RenderOptions = {}): unknown {
    return synchronously(() => {
      const state = syncState(options);
      return this.deep(value, (s) => toPlain(this.once(s, variables, state, this.isSingleExpression(s))));
    }, options);
  }

  async renderAsync(source: string, variables: Readonly<Record<string, unknown>>, options: RenderOptions = {}) {
    if (!source.includes("{")) return source;
    return (await this.withSuspends(options, (state) => this.once(source, variables, state, false))) as string;
  }

  async renderTypedAsync(source: string, variables: Readonly<Record<string, unknown>>, options: RenderOptions = {}) {
    if (!source.includes("{")) return source;
    return toPlain(await this.withSuspends(options, (state) => this.once(source, variables, state, true)));
  }

  /**
   * Renders every string inside a value (maps and lists recursively): a string that is one
   * expression gives its typed value (`"{{ n }}"` → 2), any other string gives text.
   */
  async renderValueAsync(value: unknown, variables: Readonly<Record<string, unknown>>, options: RenderOptions = {}) {
    return this.withSuspends(options, (state) =>
      this.deep(value, (s) => toPlain(this.once(s, variables, state, this.isSingleExpression(s)))),
    );
  }

  private isSingleExpression(source: string): boolean {
    const { body } = this.parse(source);
    return body.length === 1 && body[0]?.k === "print";
  }

  private deep(value: unknown, render: (source: string) => unknown): unknown {
    if (typeof value === "string") return value.includes("{") ? render(value) : value;
    if (Array.isArray(value)) return value.map((item) => this.deep(item, render));
    if (isMap(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.deep(v, render);
      return out;
    }
    return value;
  }

  private async withSuspends<T>(options: RenderOptions, run: (state: RenderState) => T): Promise<T> {
    const state: RenderState = { options, resolved: new Map(), depth: 0 };
    for (let attempt = 0; attempt <= MAX_SUSPENDS; attempt++) {
      try {
        return run(state);
      } catch (error) {
        if (!(error instanceof Suspend)) throw error;
        try {
          state.resolved.set(error.key, { value: await error.load() });
        } catch (failure) {
          state.resolved.set(error.key, { error: failure });
        }
      }
    }
    throw new ExpressionError("expression.limit", `a render needed more than ${MAX_SUSPENDS} storage lookups`);
  }

  /** One render of one template against variables, with Kestra's error messages. */
  private once(
    source: string,
    variables: Readonly<Record<string, unknown>>,
    state: RenderState,
    typed: boolean,
  ): unknown {
    try {
      const template = this.parse(source);
      const evaluation = new EvaluationImpl(template, this.host(state, variables));
      const writer = evaluation.run(Scope.root(variables, this.globals(state.options)));
      return typed ? writer.typed() : writer.result();
    } catch (error) {
      throw this.describe(error, source);
    }
  }

  private readonly globalsByLocale = new Map<string, Record<string, unknown>>();

  private globals(options: RenderOptions): Record<string, unknown> {
    const locale = options.locale ?? "en-US";
    let globals = this.globalsByLocale.get(locale);
    if (!globals) {
      globals = { locale: locale.replace("-", "_") };
      this.globalsByLocale.set(locale, globals);
    }
    return globals;
  }

  /** Kestra's message shapes: "Unable to find `x` used in the expression `...` at line N", else "message (template:line)". */
  private describe(error: unknown, source: string): unknown {
    if (!(error instanceof ExpressionError) || (error as { described?: boolean }).described) return error;
    const line = error.line ?? 1;
    const message =
      error instanceof UndefinedError
        ? `Unable to find \`${error.variable}\` used in the expression \`${source}\` at line ${line}`
        : error.code === "expression.syntax"
          ? error.message
          : `${error.message} (${source}:${line})`;
    const described = new ExpressionError(error.code, message, { line, column: error.column ?? 1 });
    (described as { described?: boolean }).described = true;
    return described;
  }

  private host(state: RenderState, root: Readonly<Record<string, unknown>>): EvaluationHost {
    const engine = this;
    return {
      extensions: this.extensions,
      limits: this.limits,
      callContext(scope, evaluation) {
        return engine.callContext(scope, evaluation, state, root);
      },
    };
  }

  private callContext(
    scope: Scope,
    evaluation: Evaluation,
    state: RenderState,
    root: Readonly<Record<string, unknown>>,
  ): CallContext {
    return new RenderCall(this, scope, evaluation, state, root);
  }

  /** render() from inside a template: nested renders are capped. */
  renderNested(value: unknown, recursive: boolean, scope: Scope, evaluation: Evaluation, state: RenderState): unknown {
    evaluation.enterCall();
    if (++state.depth > MAX_RENDER_PASSES) throw new ExpressionError("expression.limit", "Too many rendering attempts");
    try {
      return this.renderWithin(value, scope.flatten(), state, recursive);
    } finally {
      state.depth--;
      evaluation.leaveCall();
    }
  }

  /** render()/renderOnce(): strings render (again and again when recursive), maps and lists element-wise. */
  private renderWithin(
    value: unknown,
    variables: Record<string, unknown>,
    state: RenderState,
    recursive: boolean,
  ): unknown {
    if (Array.isArray(value) || isMap(value)) {
      return this.deep(value, (s) => this.renderString(s, variables, state, recursive));
    }
    if (typeof value !== "string") return value;
    return this.renderString(value, variables, state, recursive);
  }

  private renderString(
    source: string,
    variables: Record<string, unknown>,
    state: RenderState,
    recursive: boolean,
  ): string {
    let current = source;
    for (let pass = 0; pass < MAX_RENDER_PASSES; pass++) {
      if (!current.includes("{")) return current;
      const next = this.once(current, variables, state, false) as string;
      // Text protected by {% raw %} is the user's literal output: do not render it again.
      if (!recursive || next === current || /\{%-?\s*raw\s*-?%\}/.test(current)) return next;
      current = next;
    }
    throw new ExpressionError("expression.limit", "Too many rendering attempts");
  }

  private builtinFunctions(): FunctionDefinition[] {
    const renderArgument = (value: unknown): boolean => {
      if (value === undefined) return true;
      if (typeof value !== "boolean") {
        throw new ExpressionError(
          "expression.argument",
          "The 'render' function expects an optional argument 'recursive' with type boolean.",
        );
      }
      return value;
    };
    return [
      {
        name: "render",
        args: ["toRender", "recursive"],
        call: (args, context) => context.render(args.toRender ?? null, renderArgument(args.recursive)),
      },
      {
        name: "renderOnce",
        args: ["toRender"],
        call: (args, context) => context.render(args.toRender ?? null, false),
      },
    ];
  }
}
