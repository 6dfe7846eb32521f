/** DATETIME: a Temporal.Instant read with `Instant.parse`; `after`/`before` are exclusive bounds. */
import { Temporal } from "temporal-polyfill";
import { temporalString } from "../../expression/values.js";
import { parseInstant } from "../java-time.js";
import { AFTER_BEFORE, orderedType } from "./shared.js";

export const datetimeInput = orderedType({
  is: (value): value is Temporal.Instant => value instanceof Temporal.Instant,
  parse: parseInstant,
  bounds: ["after", "before"],
  compare: Temporal.Instant.compare,
  print: temporalString,
  words: AFTER_BEFORE,
});
