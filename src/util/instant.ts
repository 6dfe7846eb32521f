/**
 * An ISO-8601 date-time as Kestra's properties take them (`ZonedDateTime.parse`: an offset, and
 * Java's optional `[zone]` suffix), as an ISO instant; a clear error naming the property otherwise.
 */
export function isoInstant(name: string, text: string): string {
  const ms = Date.parse(text.replace(/\[.*\]$/, ""));
  if (Number.isNaN(ms)) throw new Error(`Invalid ${name} '${text}': expected an ISO date-time`);
  return new Date(ms).toISOString();
}
