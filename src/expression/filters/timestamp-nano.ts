/** `timestampNano(timeZone, existingFormat)`: epoch nanoseconds, as a string. */
import { defineTimestampFilter, longAdd, secondsToNanosSaturated } from "../dates/kestra-date.js";

export default defineTimestampFilter("timestampNano", ({ seconds, nano }) =>
  String(longAdd(secondsToNanosSaturated(seconds), nano)),
);
