/**
 * DURATION: a Temporal.Duration read with `Duration.parse` (kept in hours, minutes and seconds
 * as Java does); `min`/`max` are inclusive and their messages start with a capital `It`.
 */
import { Temporal } from "temporal-polyfill";
import { durationNanos, javaDurationString, parseDuration } from "../java-time.js";
import { orderedType } from "./shared.js";

export const durationInput = orderedType({
  is: (value): value is Temporal.Duration => value instanceof Temporal.Duration,
  parse: parseDuration,
  bounds: ["min", "max"],
  compare: (left, right) => {
    const difference = durationNanos(left) - durationNanos(right);
    return difference < 0n ? -1 : difference > 0n ? 1 : 0;
  },
  print: javaDurationString,
  words: ["It must be more than", "It must be less than"],
});
