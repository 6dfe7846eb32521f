/**
 * io.kestra.plugin.core.condition.PublicHoliday: true when a date (the trigger date by
 * default) is a public holiday of a country (and subdivision), per the Jollyday calendars.
 */
import { z } from "zod";
import { defineCondition } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";
import { ConditionError } from "../../../src/triggers/condition-support.js";
import { triggerDate } from "./date-time-between.js";

export default defineCondition({
  type: "io.kestra.plugin.core.condition.PublicHoliday",
  aliases: [
    "io.kestra.core.models.conditions.types.PublicHolidayCondition",
    "io.kestra.plugin.core.condition.PublicHolidayCondition",
  ],
  title: "True when a date is a public holiday.",
  properties: z.strictObject({
    date: triggerDate,
    /** ISO 3166-1 alpha-2 code such as FR; the server locale's country when unset. */
    country: dynamic(z.string()).optional(),
    /** ISO 3166-2 subdivision code such as FR-A (Alsace). */
    subDivision: dynamic(z.string()).optional(),
  }),
  async test() {
    throw new ConditionError(
      "condition.unsupported",
      "The condition io.kestra.plugin.core.condition.PublicHoliday cannot be evaluated by Tern: it has no public holiday calendars (Kestra reads Jollyday's)",
    );
  },
});
