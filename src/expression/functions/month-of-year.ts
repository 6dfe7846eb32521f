/** `monthOfYear(date)` (Kestra 1.x): the month (1-12) of the date's local date. */
import { defineLocalDateFunction } from "../dates/calendar-functions.js";

export default defineLocalDateFunction("monthOfYear", (date) => date.month);
