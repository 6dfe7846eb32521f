/**
 * TIME: a Temporal.PlainTime read with `LocalTime.parse` (`HH:mm[:ss[.n]]`); `after`/`before`
 * are exclusive bounds, printed as Java does (`01:00` for 01:00:00).
 */
import { Temporal } from "temporal-polyfill";
import { temporalString } from "../../expression/values.js";
import { parseLocalTime } from "../java-time.js";
import { AFTER_BEFORE, orderedType } from "./shared.js";

export const timeInput = orderedType({
  is: (value): value is Temporal.PlainTime => value instanceof Temporal.PlainTime,
  parse: parseLocalTime,
  bounds: ["after", "before"],
  compare: Temporal.PlainTime.compare,
  print: temporalString,
  words: AFTER_BEFORE,
});
