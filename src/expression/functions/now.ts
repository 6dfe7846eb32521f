/** `now(format='iso', timeZone, existingFormat, locale)`: the current date-time, formatted like `date`. */
import { DATE_ARGS, formatKestraDate } from "../dates/kestra-date.js";
import { zoneOf } from "../dates/zones.js";
import { defineFunction } from "../extension.js";

export default defineFunction({
  name: "now",
  args: DATE_ARGS,
  call: (args, context) =>
    formatKestraDate(context.now().toZonedDateTimeISO(zoneOf(context.timeZone).temporal), args, context),
});
