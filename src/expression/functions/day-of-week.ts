/** `dayOfWeek(date)` (Kestra 1.x): the upper-case day name of the date's local date, e.g. `MONDAY`. */
import { DAY_NAMES, defineLocalDateFunction } from "../dates/calendar-functions.js";

export default defineLocalDateFunction("dayOfWeek", (date) => DAY_NAMES[date.dayOfWeek - 1]);
