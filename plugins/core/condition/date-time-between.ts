/**
 * io.kestra.plugin.core.condition.DateTimeBetween: true when a date (the trigger date by
 * default) is after `after` and/or before `before`. Also exports that default date, which
 * every date-based condition uses.
 */
import { z } from "zod";
import { defineCondition } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";
import { zonedDateTime } from "../trigger/schedule-on-dates.js";

/** The date a condition tests: any expression or ISO-8601 date, the trigger date by default. */
export const triggerDate = dynamic(z.string()).default("{{ trigger.date }}");

export default defineCondition({
  type: "io.kestra.plugin.core.condition.DateTimeBetween",
  aliases: [
    "io.kestra.core.models.conditions.types.DateTimeBetweenCondition",
    "io.kestra.plugin.core.condition.DateTimeBetweenCondition",
  ],
  title: "True when a date falls between two date-times (bounds excluded).",
  properties: z.strictObject({
    date: triggerDate,
    after: dynamic(zonedDateTime).optional(),
    before: dynamic(zonedDateTime).optional(),
  }),
});
