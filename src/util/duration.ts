/**
 * ISO-8601 durations as java.time.Duration reads them (`PnDTnHnMn.nS`, days of exactly
 * 24 hours, optional signs), to milliseconds.
 */

const PATTERN = /^([-+]?)P(?:([-+]?\d+)D)?(?:T(?:([-+]?\d+)H)?(?:([-+]?\d+)M)?(?:([-+]?\d+)(?:[.,](\d{0,9}))?S)?)?$/i;

export function parseDurationMs(text: string): number {
  const match = PATTERN.exec(text.trim());
  if (!match || /^[-+]?PT?$/i.test(text.trim())) throw new Error(`'${text}' is not an ISO-8601 duration such as PT5M`);
  const [, sign, days, hours, minutes, seconds, fraction] = match;
  const n = (value: string | undefined) => (value === undefined ? 0 : Number(value));
  const millis =
    n(days) * 86_400_000 +
    n(hours) * 3_600_000 +
    n(minutes) * 60_000 +
    n(seconds) * 1000 +
    (fraction ? Math.sign(n(seconds) || 1) * Number(`0.${fraction}`) * 1000 : 0);
  return sign === "-" ? -millis : millis;
}
