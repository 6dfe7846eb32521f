/** io.kestra.plugin.core.condition.Weekend: true when a date (the trigger date by default) is a Saturday or Sunday. */
import { z } from "zod";
import { defineCondition } from "../../../src/plugin/define.js";
import { localDate, triggerDate } from "./date-time-between.js";

export default defineCondition({
  type: "io.kestra.plugin.core.condition.Weekend",
  aliases: [
    "io.kestra.core.models.conditions.types.WeekendCondition",
    "io.kestra.plugin.core.condition.WeekendCondition",
  ],
  title: "True when a date is a Saturday or a Sunday.",
  properties: z.strictObject({ date: triggerDate }),
  async test(properties, context) {
    return (await localDate(properties.date, context)).dayOfWeek >= 6;
  },
});
