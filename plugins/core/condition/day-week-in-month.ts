/**
 * io.kestra.plugin.core.condition.DayWeekInMonth: true when a date (the trigger date by
 * default) is the first, second, third, fourth or last given weekday of its month.
 */
import { z } from "zod";
import { defineCondition } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";
import { isoDay, renderAs } from "../../../src/triggers/condition-support.js";
import { localDate, triggerDate } from "./date-time-between.js";
import { dayOfWeek } from "./day-week.js";

const dayInMonth = z.enum(["FIRST", "SECOND", "THIRD", "FOURTH", "LAST"]);

export default defineCondition({
  type: "io.kestra.plugin.core.condition.DayWeekInMonth",
  aliases: [
    "io.kestra.core.models.conditions.types.DayWeekInMonthCondition",
    "io.kestra.plugin.core.condition.DayWeekInMonthCondition",
  ],
  title: "True when a date is the first, second, third, fourth or last given weekday of its month.",
  properties: z.strictObject({
    date: triggerDate,
    dayOfWeek: dynamic(dayOfWeek),
    dayInMonth: dynamic(dayInMonth),
  }),
  /** The date is the day Java's TemporalAdjusters give: firstInMonth, then next() once per rank, or lastInMonth. */
  async test(properties, context) {
    const date = await localDate(properties.date, context);
    const day = await renderAs(dynamic(dayOfWeek), properties.dayOfWeek, context);
    const rank = await renderAs(dynamic(dayInMonth), properties.dayInMonth, context);
    if (day === undefined || rank === undefined) return false;
    const weekday = isoDay(day);
    if (rank === "LAST") {
      const last = date.with({ day: date.daysInMonth });
      return date.day === last.day - ((last.dayOfWeek - weekday + 7) % 7);
    }
    const first = 1 + ((weekday - date.with({ day: 1 }).dayOfWeek + 7) % 7);
    return date.day === first + 7 * ["FIRST", "SECOND", "THIRD", "FOURTH"].indexOf(rank);
  },
});
