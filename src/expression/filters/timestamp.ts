/** `timestamp(timeZone, existingFormat)`: epoch seconds, as a Long. */
import { defineTimestampFilter } from "../dates/kestra-date.js";

export default defineTimestampFilter("timestamp", ({ seconds }) => seconds);
