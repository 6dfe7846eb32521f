/** `timestampMilli(timeZone, existingFormat)`: epoch milliseconds (Instant.toEpochMilli), as a Long. */
import { defineTimestampFilter } from "../dates/kestra-date.js";

export default defineTimestampFilter("timestampMilli", ({ seconds, nano }) => seconds * 1000n + nano / 1_000_000n);
