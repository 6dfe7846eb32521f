/**
 * Small helpers shared by the functions and tests: Java-style casts of arguments, Kestra's
 * "expects an argument" errors, safe map access and the context variables most functions
 * read (`flow`, `execution`, `trigger`, `taskrun`).
 */
import { ExpressionError, type ExpressionErrorCode } from "../../errors.js";
import type { Args, CallContext } from "../../extension.js";
import { isMap, isNumber, javaClassName, numberKind, toNumber } from "../../values.js";

export type JsonMap = Record<string, unknown>;

/** An error raised by a function (Kestra passes the message through as-is). */
export function fail(code: ExpressionErrorCode, message: string): ExpressionError {
  return new ExpressionError(code, message);
}

/** Java's ClassCastException text, which Kestra lets through when a function casts an argument. */
export function classCastError(value: unknown, target: string): ExpressionError {
  return fail("expression.type", `class ${javaClassName(value)} cannot be cast to class ${target}`);
}

/** Whether Pebble passed the argument (positionally or by name); an explicit null counts. */
export function hasArg(args: Args, name: string): boolean {
  return args[name] !== undefined;
}

/** The argument, or the error Kestra raises when it is absent. */
export function requireArg(args: Args, name: string, message: string): unknown {
  if (!hasArg(args, name)) throw fail("expression.argument", message);
  return args[name];
}

/** `(String) value`: null stays null, a non-string is a ClassCastException. */
export function castString(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== "string") throw classCastError(value, "java.lang.String");
  return value;
}

/** `(Boolean) value`: null stays null, a non-boolean is a ClassCastException. */
export function castBoolean(value: unknown): boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== "boolean") throw classCastError(value, "java.lang.Boolean");
  return value;
}

/** True for a Java Integer or Long (JS integral number or bigint). */
export function isIntegral(value: unknown): value is number | bigint {
  if (!isNumber(value)) return false;
  const kind = numberKind(value);
  return kind === "Integer" || kind === "Long";
}

/** Java's `Number.longValue()`: truncation toward zero, saturating at the Long bounds, NaN → 0. */
export function longValue(value: unknown): bigint {
  if (typeof value === "bigint") return BigInt.asIntN(64, value);
  const n = isNumber(value) ? toNumber(value) : Number.NaN;
  if (Number.isNaN(n)) return 0n;
  if (n >= 2 ** 63) return 9223372036854775807n;
  if (n <= -(2 ** 63)) return -9223372036854775808n;
  return BigInt(Math.trunc(n));
}

/** A map's own value by key (never a prototype property), undefined when absent. */
export function mapGet(map: unknown, key: unknown): unknown {
  if (!isMap(map) || typeof key !== "string") return undefined;
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

/** A string field of a map, or undefined. */
export function stringField(map: unknown, key: string): string | undefined {
  const value = mapGet(map, key);
  return typeof value === "string" ? value : undefined;
}

/** Defines an own enumerable key (safe for `__proto__`); a duplicate keeps its first position. */
export function setKey(target: JsonMap, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A context variable that must be a map (`flow`, `execution`, ...), or undefined. */
export function contextMap(context: CallContext, name: string): JsonMap | undefined {
  const value = context.variable(name);
  return isMap(value) ? value : undefined;
}

/** The flow's namespace, which storage functions default to. */
export function flowNamespace(context: CallContext, functionName: string): string {
  const namespace = stringField(contextMap(context, "flow"), "namespace");
  if (namespace === undefined) {
    throw fail(
      "expression.error",
      `The '${functionName}' function needs a flow context (flow.namespace is not defined)`,
    );
  }
  return namespace;
}
