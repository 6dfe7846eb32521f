/**
 * io.kestra.plugin.core.condition.DateTimeBetween: true when a date (the trigger date by
 * default) is after `after` and/or before `before`. Also exports that default date, which
 * every date-based condition uses.
 */
import { z } from "zod";
import type { ConditionContext } from "../../../src/plugin/define.js";
import { defineCondition } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";
import { ConditionError, parseDate, parseZoned, renderText } from "../../../src/triggers/condition-support.js";
import { zonedDateTime } from "../trigger/schedule-on-dates.js";

/** The date a condition tests: any expression or ISO-8601 date, the trigger date by default. */
export const triggerDate = dynamic(z.string()).default("{{ trigger.date }}");

/** The rendered `date` of a date condition, as a date-time (ZonedDateTime.parse). */
export async function zonedDate(date: unknown, context: ConditionContext) {
  return parseZoned((await renderText(date, context)) ?? "");
}

/** The rendered `date` of a date condition, as a day (DateUtils.parseLocalDate). */
export async function localDate(date: unknown, context: ConditionContext) {
  return parseDate((await renderText(date, context)) ?? "");
}

/** Kestra's error for a between condition with neither bound. */
export function noBounds(): ConditionError {
  return new ConditionError("condition.invalid", "Invalid condition with no before nor after");
}

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
  async test(properties, context) {
    const date = (await zonedDate(properties.date, context)).epochNanoseconds;
    const bound = async (value: unknown) => {
      const text = await renderText(value, context);
      return text === undefined ? undefined : parseZoned(text).epochNanoseconds;
    };
    const after = await bound(properties.after);
    const before = await bound(properties.before);
    if (after === undefined && before === undefined) throw noBounds();
    return (after === undefined || date > after) && (before === undefined || date < before);
  },
});
