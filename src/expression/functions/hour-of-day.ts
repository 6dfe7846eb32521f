/**
 * `hourOfDay(date)` (Kestra 1.x): the hour (0-23) of an ISO date-time string as written (no
 * conversion to UTC); a date without a time is an error.
 */
import { hourOfDateTime, requiredArg } from "../dates/calendar-functions.js";
import { defineFunction } from "../extension.js";

export default defineFunction({
  name: "hourOfDay",
  args: ["date"],
  call: (args, context) => hourOfDateTime("hourOfDay", requiredArg("hourOfDay", args, "date"), context.locale),
});
