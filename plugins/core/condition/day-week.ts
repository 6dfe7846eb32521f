/** io.kestra.plugin.core.condition.DayWeek: true when a date (the trigger date by default) is a given day of the week. */
import { z } from "zod";
import { defineCondition } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";
import { isoDay, renderAs } from "../../../src/triggers/condition-support.js";
import { localDate, triggerDate } from "./date-time-between.js";

export const dayOfWeek = z.enum(["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"]);

export default defineCondition({
  type: "io.kestra.plugin.core.condition.DayWeek",
  aliases: [
    "io.kestra.core.models.conditions.types.DayWeekCondition",
    "io.kestra.plugin.core.condition.DayWeekCondition",
  ],
  title: "True when a date is a given day of the week.",
  properties: z.strictObject({
    date: triggerDate,
    dayOfWeek: dynamic(dayOfWeek),
  }),
  async test(properties, context) {
    const day = await renderAs(dynamic(dayOfWeek), properties.dayOfWeek, context);
    return day !== undefined && (await localDate(properties.date, context)).dayOfWeek === isoDay(day);
  },
});
