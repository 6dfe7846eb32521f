/**
 * io.kestra.plugin.core.condition.DayWeekInMonth: true when a date (the trigger date by
 * default) is the first, second, third, fourth or last given weekday of its month.
 */
import { z } from "zod";
import { defineCondition } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";
import { triggerDate } from "./date-time-between.js";
import { dayOfWeek } from "./day-week.js";

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
    dayInMonth: dynamic(z.enum(["FIRST", "SECOND", "THIRD", "FOURTH", "LAST"])),
  }),
});
