/**
 * `date(format='iso', timeZone, existingFormat, locale)`: formats a date, a date string or epoch
 * seconds with a Java DateTimeFormatter pattern or one of Kestra's named formats.
 */
import { DATE_ARGS, formatKestraDate } from "../dates/kestra-date.js";
import { defineFilter } from "../extension.js";

export default defineFilter({
  name: "date",
  args: DATE_ARGS,
  apply: (input, args, context) =>
    input === null || input === undefined ? null : formatKestraDate(input, args, context),
});
