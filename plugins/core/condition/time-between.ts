/** io.kestra.plugin.core.condition.TimeBetween: true when the time of a date (the trigger date by default) is between two times. */
import { z } from "zod";
import { defineCondition } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";
import {
  compareOffsetTimes,
  type OffsetTime,
  offsetTimeOf,
  parseOffsetTime,
  renderText,
} from "../../../src/triggers/condition-support.js";
import { noBounds, triggerDate, zonedDate } from "./date-time-between.js";

/** java.time.OffsetTime: a time with its offset, e.g. 16:19:12+02:00 or 08:00:00Z. */
const offsetTime = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}(?::\d{2})?)$/, {
    error: (issue) => `must be a time with an offset, such as 16:19:12+02:00, got '${String(issue.input)}'`,
  });

export default defineCondition({
  type: "io.kestra.plugin.core.condition.TimeBetween",
  aliases: [
    "io.kestra.core.models.conditions.types.TimeBetweenCondition",
    "io.kestra.plugin.core.condition.TimeBetweenCondition",
  ],
  title: "True when the time of a date falls between two times.",
  properties: z.strictObject({
    date: triggerDate,
    after: dynamic(offsetTime).optional(),
    before: dynamic(offsetTime).optional(),
  }),
  /**
   * Times compare as instants of one day (OffsetTime.isAfter), bounds excluded. When `after` is
   * not before `before` the range crosses midnight (22:00 to 02:00), as Kestra reads it since 1.x.
   */
  async test(properties, context) {
    const time = offsetTimeOf(await zonedDate(properties.date, context));
    const bound = async (value: unknown): Promise<OffsetTime | undefined> => {
      const text = await renderText(value, context);
      return text === undefined ? undefined : parseOffsetTime(text);
    };
    const after = await bound(properties.after);
    const before = await bound(properties.before);
    const isAfter = (b: OffsetTime) => compareOffsetTimes(time, b) > 0;
    const isBefore = (b: OffsetTime) => compareOffsetTimes(time, b) < 0;
    if (after && before) {
      return compareOffsetTimes(after, before) < 0
        ? isAfter(after) && isBefore(before)
        : isAfter(after) || isBefore(before);
    }
    if (before) return isBefore(before);
    if (after) return isAfter(after);
    throw noBounds();
  },
});
