/**
 * `timestampMicro(timeZone, existingFormat)`: a string. Bug-compatible with Kestra 0.21-1.0:
 * epochSeconds × 10⁹ + microseconds of the second (not epoch microseconds).
 */
import { defineTimestampFilter, longAdd, secondsToNanosSaturated } from "../dates/kestra-date.js";

export default defineTimestampFilter("timestampMicro", ({ seconds, nano }) =>
  String(longAdd(secondsToNanosSaturated(seconds), nano / 1000n)),
);
