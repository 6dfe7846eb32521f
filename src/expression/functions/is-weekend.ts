/** `isWeekend(date)` (Kestra 1.x): whether the date's local date is a Saturday or a Sunday. */
import { defineLocalDateFunction } from "../dates/calendar-functions.js";

export default defineLocalDateFunction("isWeekend", (date) => date.dayOfWeek >= 6);
