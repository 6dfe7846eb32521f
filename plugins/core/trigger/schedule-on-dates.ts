/**
 * io.kestra.plugin.core.trigger.ScheduleOnDates: starts one execution at each date of a
 * list. Also exports the zoned date-time format (java.time.ZonedDateTime) other plugins use.
 */
import { z } from "zod";
import { defineTrigger } from "../../../src/plugin/define.js";
import { anyMap, dynamic } from "../../../src/plugin/properties.js";
import { noInterval, recoverMissedSchedules, timezoneId } from "./schedule.js";

/** ISO-8601 date-time with an offset and an optional region: 2025-01-01T08:00:00Z, …+02:00[Europe/Paris]. */
export const ZONED_DATE_TIME_PATTERN =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}(?::\d{2})?)(?:\[[A-Za-z0-9/_+-]+\])?$/;

export const zonedDateTime = z
  .string({ error: "must be an ISO-8601 date-time with an offset, such as 2025-01-01T08:00:00Z" })
  .regex(ZONED_DATE_TIME_PATTERN, {
    error: (issue) =>
      `must be an ISO-8601 date-time with an offset, such as 2025-01-01T08:00:00Z, got '${String(issue.input)}'`,
  });

export default defineTrigger({
  type: "io.kestra.plugin.core.trigger.ScheduleOnDates",
  title: "Start one execution at each of a list of dates.",
  properties: z.strictObject({
    dates: dynamic(z.array(zonedDateTime)),
    /** The zone the dates are converted to; Kestra uses the server's zone, UTC in its images. */
    timezone: dynamic(timezoneId).default("UTC"),
    inputs: anyMap.optional(),
    recoverMissedSchedules: recoverMissedSchedules.optional(),
    interval: noInterval,
  }),
});
