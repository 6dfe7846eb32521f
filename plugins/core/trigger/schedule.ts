/**
 * io.kestra.plugin.core.trigger.Schedule: starts an execution at each date of a cron
 * expression. Also exports the cron and time-zone validation that the scheduler and
 * ScheduleOnDates reuse.
 */
import { z } from "zod";
import { type CheckIssue, defineTrigger } from "../../../src/plugin/define.js";
import { anyMap, duration } from "../../../src/plugin/properties.js";

export const CRON_NICKNAMES = [
  "@yearly",
  "@annually",
  "@monthly",
  "@weekly",
  "@daily",
  "@midnight",
  "@hourly",
] as const;

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Names accepted for the values from `min` on (JAN…, MON…). */
  readonly names?: readonly string[];
  readonly firstName?: number;
}

const SECOND: CronField = { name: "second", min: 0, max: 59 };
const FIELDS: readonly CronField[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  {
    name: "month",
    min: 1,
    max: 12,
    names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
    firstName: 1,
  },
  // 0 and 7 are both Sunday; names start at Monday = 1.
  { name: "day of week", min: 0, max: 7, names: ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"], firstName: 1 },
];

/** One value of a field: a number or, for month and day of week, a name. */
function fieldValue(field: CronField, text: string): number | string {
  const index = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (index >= 0) return index + (field.firstName ?? 0);
  if (!/^\d+$/.test(text)) return `Invalid value '${text}' for the ${field.name}`;
  const value = Number(text);
  return value < field.min || value > field.max ? `Value ${value} not in range [${field.min}, ${field.max}]` : value;
}

/** Problems of one field: lists of `*`, values and ranges, each with an optional `/step`. */
function fieldProblem(field: CronField, text: string): string | undefined {
  for (const part of text.split(",")) {
    const [base = "", step, extra] = part.split("/");
    if (extra !== undefined || (step !== undefined && !/^[1-9]\d*$/.test(step))) {
      return `Invalid step in '${part}' for the ${field.name}`;
    }
    if (base === "*") continue;
    const bounds = base.split("-");
    if (bounds.length > 2) return `Invalid value '${part}' for the ${field.name}`;
    const values = bounds.map((bound) => fieldValue(field, bound));
    const problem = values.find((value) => typeof value === "string");
    if (problem !== undefined) return problem as string;
    const [from, to] = values as number[];
    if (to !== undefined && from !== undefined && from > to) return `Invalid range! [${from},${to}]`;
  }
  return undefined;
}

/**
 * Why a cron expression is invalid, as Kestra words it, or undefined: 5 fields (6 with
 * `withSeconds`, seconds first), strict ranges, or one of the @ nicknames.
 */
export function cronProblem(cron: string, withSeconds = false): string | undefined {
  const trimmed = cron.trim();
  if ((CRON_NICKNAMES as readonly string[]).includes(trimmed)) return undefined;
  const fields = withSeconds ? [SECOND, ...FIELDS] : FIELDS;
  const parts = trimmed === "" ? [] : trimmed.split(/\s+/);
  let problem: string | undefined;
  if (parts.length === 0) problem = "Empty expression!";
  else if (parts.length !== fields.length) {
    problem = `Cron expression contains ${parts.length} parts but we expect one of [${fields.length}]`;
  } else {
    for (const [index, field] of fields.entries()) {
      problem = fieldProblem(field, parts[index] ?? "");
      if (problem !== undefined) break;
    }
  }
  return problem === undefined ? undefined : `invalid cron expression '${cron}': ${problem}`;
}

/** Fixed offsets java.time.ZoneId accepts besides region ids: Z, +02:00, UTC+2, GMT-05:30. */
const OFFSET_ZONE = /^(?:Z|(?:(?:UTC|GMT|UT)(?=$|[+-]))?(?:[+-]\d{1,2}(?::?\d{2}(?::?\d{2})?)?)?)$/;

/** Whether Java's ZoneId.of would accept this time-zone id. */
export function isTimezoneId(zone: string): boolean {
  if (zone !== "" && OFFSET_ZONE.test(zone)) return true;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const timezoneId = z
  .string()
  .refine(isTimezoneId, { error: (issue) => `timezone '${String(issue.input)}' is not a valid time-zone ID` })
  .describe("An IANA time-zone id such as Europe/Paris, or an offset such as +02:00");

export const recoverMissedSchedules = z.enum(["ALL", "LAST", "NONE"]);

/** `interval` was replaced by the cron; Kestra keeps the name only to refuse it. */
export const noInterval = z
  .never({ error: "must be null" })
  .optional()
  .describe("Removed: the schedule comes from the cron");

export default defineTrigger({
  type: "io.kestra.plugin.core.trigger.Schedule",
  aliases: ["io.kestra.core.models.triggers.types.Schedule"],
  title: "Start an execution at each date of a cron expression.",
  properties: z.strictObject({
    /** 5 fields (6 with `withSeconds`), or @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly. */
    cron: z.string({ error: "must be a cron expression" }),
    withSeconds: z.boolean().default(false),
    /** Kestra uses the server's zone, UTC in its images. */
    timezone: timezoneId.default("UTC"),
    /** Execution inputs, rendered with the trigger variables; flow defaults fill the rest. */
    inputs: anyMap.optional(),
    /** A date older than now minus this delay (e.g. the scheduler was down) is skipped. */
    lateMaximumDelay: duration.optional(),
    /** What to run for dates missed while the scheduler was down; ALL unless the plugin configuration says otherwise. */
    recoverMissedSchedules: recoverMissedSchedules.optional(),
    backfill: anyMap.optional().describe("Deprecated: start backfills from the Triggers tab or API"),
    interval: noInterval,
  }),
  outputs: z.object({
    /** The scheduled date, ISO-8601 in the trigger's time zone. */
    date: z.string(),
    next: z.string(),
    previous: z.string(),
  }),
  check(properties): CheckIssue[] {
    const { cron, withSeconds } = properties;
    if (typeof cron !== "string") return [];
    const problem = cronProblem(cron, withSeconds === true);
    return problem === undefined ? [] : [{ message: problem, path: ["cron"] }];
  },
});
