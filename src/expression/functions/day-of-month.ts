/** `dayOfMonth(date)` (Kestra 1.x): the day of the month (1-31) of the date's local date. */
import { defineLocalDateFunction } from "../dates/calendar-functions.js";

export default defineLocalDateFunction("dayOfMonth", (date) => date.day);
