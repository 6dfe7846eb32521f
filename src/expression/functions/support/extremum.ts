/**
 * Pebble's max()/min(): positional arguments only; the first non-null value is the start,
 * and a candidate replaces it only when strictly greater (max) or smaller (min), compared
 * as doubles. A null candidate never wins; a non-number is an error. The winner keeps its
 * own type (`max(2, 2.0)` is the Long 2).
 */
import type { Args } from "../../extension.js";
import { isNumber, toNumber } from "../../values.js";
import { fail } from "./args.js";

export function extremum(args: Args, comparison: "GREATER_THAN" | "LESS_THAN"): unknown {
  const positional = args.$positional;
  const values: readonly unknown[] = Array.isArray(positional) ? positional : [];
  let best: unknown = null;
  for (const candidate of values) {
    if (best === null || best === undefined) {
      best = candidate;
      continue;
    }
    if (candidate === null || candidate === undefined) continue;
    if (!isNumber(candidate) || !isNumber(best)) {
      throw fail("expression.type", `invalid operands for mathematical comparison [${comparison}]`);
    }
    const a = toNumber(candidate);
    const b = toNumber(best);
    if (comparison === "GREATER_THAN" ? a > b : a < b) best = candidate;
  }
  return best ?? null;
}
