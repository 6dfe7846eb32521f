/**
 * Variable scopes of one render: the context at the bottom, the template's own `set`
 * variables above it, then one scope per `for` iteration. Pebble's rule for `set`:
 * update the nearest scope that already has the name, else define it in the current one.
 */

const own = Object.prototype.hasOwnProperty;

export class Scope {
  /** Made on the first definition: most renders define nothing. */
  private values: Map<string, unknown> | undefined;

  constructor(
    private readonly parent: Scope | undefined,
    private readonly context: Readonly<Record<string, unknown>> | undefined,
  ) {}

  /** The template's scope over its context, itself over engine globals (e.g. Pebble's `locale`). */
  static root(context: Readonly<Record<string, unknown>>, globals?: Readonly<Record<string, unknown>>): Scope {
    return new Scope(globals ? new Scope(undefined, globals) : undefined, context);
  }

  child(): Scope {
    return new Scope(this, undefined);
  }

  /** True when the name is visible, with its value in `found.value`. */
  lookup(name: string, found: { value: unknown }): boolean {
    for (let scope: Scope | undefined = this; scope !== undefined; scope = scope.parent) {
      if (scope.values?.has(name)) {
        found.value = scope.values.get(name);
        return true;
      }
      if (scope.context !== undefined && own.call(scope.context, name)) {
        found.value = scope.context[name];
        return true;
      }
    }
    return false;
  }

  /** Defines a variable in this scope (loop variables, macro arguments). */
  define(name: string, value: unknown): void {
    this.own().set(name, value);
  }

  private own(): Map<string, unknown> {
    if (this.values === undefined) this.values = new Map();
    return this.values;
  }

  /** `{% set %}`: updates the nearest scope that has the name, else defines it here. */
  assign(name: string, value: unknown): void {
    for (let scope: Scope | undefined = this; scope !== undefined; scope = scope.parent) {
      if (scope.values?.has(name) || (scope.context !== undefined && own.call(scope.context, name))) {
        scope.own().set(name, value);
        return;
      }
    }
    this.own().set(name, value);
  }

  /** Every visible variable, innermost winning (for render() and printContext()). */
  flatten(): Record<string, unknown> {
    const chain: Scope[] = [];
    for (let scope: Scope | undefined = this; scope !== undefined; scope = scope.parent) chain.unshift(scope);
    const out: Record<string, unknown> = {};
    for (const scope of chain) {
      if (scope.context) Object.assign(out, scope.context);
      if (scope.values) for (const [k, v] of scope.values) out[k] = v;
    }
    return out;
  }
}
