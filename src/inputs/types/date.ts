/** DATE: a Temporal.PlainDate read with `LocalDate.parse` (`yyyy-MM-dd`); `after`/`before` are exclusive bounds. */
import { Temporal } from "temporal-polyfill";
import { temporalString } from "../../expression/values.js";
import { parseLocalDate } from "../java-time.js";
import { AFTER_BEFORE, orderedType } from "./shared.js";

export const dateInput = orderedType({
  is: (value): value is Temporal.PlainDate => value instanceof Temporal.PlainDate,
  parse: parseLocalDate,
  bounds: ["after", "before"],
  compare: Temporal.PlainDate.compare,
  print: temporalString,
  words: AFTER_BEFORE,
});
