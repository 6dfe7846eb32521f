/**
 * Pebble's operators with Java semantics: integer versus decimal arithmetic (32-bit for
 * two Integers, 64-bit with a Long, Double or Float otherwise), `+` concatenation and list
 * append, comparisons that only accept numbers, `contains` and ranges.
 */
import { ExpressionError } from "./errors.js";
import {
  double,
  int,
  isMap,
  isNumber,
  JFloat,
  javaEquals,
  javaString,
  long,
  numberKind,
  pebbleEquals,
  toBigInt,
  toNumber,
} from "./values.js";

type Num = number | bigint | import("./values.js").JDouble | JFloat;

const OPERATION_NAMES: Readonly<Record<string, string>> = {
  "+": "addition",
  "-": "subtraction",
  "*": "multiplication",
  "/": "division",
  "%": "greater modulus",
  "<": "greater modulus",
  ">": "greater than",
  "<=": "less than equals",
  ">=": "greater than equals",
  "==": "equals comparison",
  "!=": "equals comparison",
};

/** Pebble's wrapper for any failure inside an operator: "Could not perform addition". */
export function operationError(op: string): ExpressionError {
  return new ExpressionError("expression.type", `Could not perform ${OPERATION_NAMES[op] ?? op}`);
}

/** Maximum elements a range may produce, so `1..1000000000` cannot exhaust memory. */
export const MAX_RANGE = 1_000_000;

export function arithmetic(op: string, left: unknown, right: unknown): unknown {
  if (op === "+" || op === "-") {
    if (Array.isArray(left)) return listAddRemove(op, left, right);
  }
  if (op === "+" && (typeof left === "string" || typeof right === "string")) {
    if (left === null || left === undefined || right === null || right === undefined) throw operationError(op);
    return javaString(left) + javaString(right);
  }
  if (!isNumber(left) || !isNumber(right)) throw operationError(op);
  return numeric(op, left, right);
}

function listAddRemove(op: string, list: readonly unknown[], item: unknown): unknown[] {
  if (op === "+") return Array.isArray(item) ? [...list, ...item] : [...list, item];
  const remove = Array.isArray(item) ? item : [item];
  if (Array.isArray(item)) return list.filter((element) => !remove.some((r) => javaEquals(element, r)));
  const index = list.findIndex((element) => javaEquals(element, item));
  return index === -1 ? [...list] : [...list.slice(0, index), ...list.slice(index + 1)];
}

/** Java binary numeric promotion: Double > Float > Long > Integer. */
function numeric(op: string, left: Num, right: Num): unknown {
  const kinds = [numberKind(left), numberKind(right)];
  if (kinds.includes("Double")) return double(applyDecimal(op, toNumber(left), toNumber(right)));
  if (kinds.includes("Float"))
    return new JFloat(applyDecimal(op, Math.fround(toNumber(left)), Math.fround(toNumber(right))));
  if (kinds.includes("Long")) {
    const a = toBigInt(left as number | bigint);
    const b = toBigInt(right as number | bigint);
    if ((op === "/" || op === "%") && b === 0n) throw operationError(op);
    return long(applyBig(op, a, b));
  }
  const a = left as number;
  const b = right as number;
  if ((op === "/" || op === "%") && b === 0) throw operationError(op);
  switch (op) {
    case "+":
      return int(a + b);
    case "-":
      return int(a - b);
    case "*":
      return int(Number(BigInt.asIntN(32, BigInt(a) * BigInt(b))));
    case "/":
      return int(Math.trunc(a / b));
    default:
      return int(a % b);
  }
}

function applyDecimal(op: string, a: number, b: number): number {
  switch (op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
      return a / b;
    default:
      return a % b;
  }
}

function applyBig(op: string, a: bigint, b: bigint): bigint {
  switch (op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
      return a / b;
    default:
      return a % b;
  }
}

export function negate(value: unknown): unknown {
  if (!isNumber(value)) throw operationError("-");
  return numeric("-", typeof value === "bigint" ? 0n : 0, value);
}

/** `<`, `>`, `<=`, `>=`: numbers only; a null operand gives false. */
export function compare(op: string, left: unknown, right: unknown): boolean {
  if (left === null || left === undefined || right === null || right === undefined) return false;
  if (!isNumber(left) || !isNumber(right)) throw operationError(op);
  const a = toNumber(left);
  const b = toNumber(right);
  switch (op) {
    case "<":
      return a < b;
    case ">":
      return a > b;
    case "<=":
      return a <= b;
    default:
      return a >= b;
  }
}

export function equals(left: unknown, right: unknown): boolean {
  return pebbleEquals(left, right);
}

/** `contains`: list elements (a list on the right means all of them), map keys, or substrings. */
export function contains(container: unknown, item: unknown): boolean {
  if (container === null || container === undefined) return false;
  if (Array.isArray(container)) {
    const wanted = Array.isArray(item) ? item : [item];
    return wanted.every((w) => container.some((element) => javaEquals(element, w)));
  }
  if (isMap(container)) {
    const keys = Array.isArray(item) ? item : [item];
    return keys.every((key) => Object.hasOwn(container, javaString(key)));
  }
  if (typeof container === "string") return container.includes(javaString(item));
  throw new ExpressionError("expression.type", "Contains operator can only be used on Collections, Maps and arrays");
}

/** `a..b`: inclusive Long range; decimal bounds are truncated; empty when a > b. */
export function range(from: unknown, to: unknown, step: unknown = 1n): bigint[] {
  if (!isNumber(from) || !isNumber(to) || !isNumber(step)) {
    throw new ExpressionError("expression.type", "range bounds must be numbers");
  }
  const start = BigInt(Math.trunc(toNumber(from)));
  const end = BigInt(Math.trunc(toNumber(to)));
  const by = BigInt(Math.trunc(toNumber(step)));
  if (by === 0n)
    throw new ExpressionError("expression.argument", "The step of the range function must be different than 0");
  const count = by > 0n ? (end - start) / by + 1n : (start - end) / -by + 1n;
  if (count > BigInt(MAX_RANGE)) {
    throw new ExpressionError("expression.limit", `range would produce ${count} elements; the limit is ${MAX_RANGE}`);
  }
  const out: bigint[] = [];
  if (by > 0n) for (let i = start; i <= end; i += by) out.push(i);
  else for (let i = start; i >= end; i += by) out.push(i);
  return out;
}
