/** io.kestra.plugin.core.condition.TimeBetween: true when the time of a date (the trigger date by default) is between two times. */
import { z } from "zod";
import { defineCondition } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";
import { triggerDate } from "./date-time-between.js";

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
});
