/**
 * Proleptic ISO calendar arithmetic and Java's localized week rules (java.time.temporal.WeekFields),
 * on plain numbers so that printing and parsing share it.
 */

export interface LocalDateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export interface WeekRules {
  /** First day of the week, ISO numbering (1 = Monday … 7 = Sunday). */
  readonly firstDay: number;
  readonly minDays: number;
}

/** ISO-8601 week rules: weeks start on Monday, the first week has at least 4 days. */
export const ISO_WEEK: WeekRules = { firstDay: 1, minDays: 4 };

export function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

export function floorMod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

/** Two digits, zero-padded. */
export function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** LocalDate.toString for years 0-9999. */
export function isoDateText(date: LocalDateParts): string {
  return `${String(date.year).padStart(4, "0")}-${pad2(date.month)}-${pad2(date.day)}`;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 (Howard Hinnant's days_from_civil). */
export function epochDay(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = floorDiv(y, 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = floorDiv(153 * mp + 2, 5) + day - 1;
  const doe = yoe * 365 + floorDiv(yoe, 4) - floorDiv(yoe, 100) + doy;
  return era * 146097 + doe - 719468;
}

export function dateOfEpochDay(days: number): LocalDateParts {
  const z = days + 719468;
  const era = floorDiv(z, 146097);
  const doe = z - era * 146097;
  const yoe = floorDiv(doe - floorDiv(doe, 1460) + floorDiv(doe, 36524) - floorDiv(doe, 146096), 365);
  const doy = doe - (365 * yoe + floorDiv(yoe, 4) - floorDiv(yoe, 100));
  const mp = floorDiv(5 * doy + 2, 153);
  const day = doy - floorDiv(153 * mp + 2, 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function dayOfYear(year: number, month: number, day: number): number {
  return epochDay(year, month, day) - epochDay(year, 1, 1) + 1;
}

/** ISO day of week (1 = Monday … 7 = Sunday) of an epoch day (1970-01-01 was a Thursday). */
export function dayOfWeekOfEpochDay(days: number): number {
  return floorMod(days + 3, 7) + 1;
}

/** Day of the week counted from the locale's first day (1 … 7). */
export function localizedDayOfWeek(isoDayOfWeek: number, rules: WeekRules): number {
  return floorMod(isoDayOfWeek - rules.firstDay, 7) + 1;
}

function startOfWeekOffset(day: number, dow: number, rules: WeekRules): number {
  const weekStart = floorMod(day - dow, 7);
  return weekStart + 1 > rules.minDays ? 7 - weekStart : -weekStart;
}

function computeWeek(offset: number, day: number): number {
  return floorDiv(7 + offset + (day - 1), 7);
}

/** WeekFields.weekOfMonth(). */
export function weekOfMonth(date: LocalDateParts, rules: WeekRules): number {
  const dow = localizedDayOfWeek(dayOfWeekOfEpochDay(epochDay(date.year, date.month, date.day)), rules);
  return computeWeek(startOfWeekOffset(date.day, dow, rules), date.day);
}

/** WeekFields.weekOfWeekBasedYear() and weekBasedYear() together. */
export function weekBasedYearAndWeek(date: LocalDateParts, rules: WeekRules): { year: number; week: number } {
  const days = epochDay(date.year, date.month, date.day);
  const dow = localizedDayOfWeek(dayOfWeekOfEpochDay(days), rules);
  const doy = days - epochDay(date.year, 1, 1) + 1;
  const offset = startOfWeekOffset(doy, dow, rules);
  const week = computeWeek(offset, doy);
  if (week === 0) {
    const previous = weekBasedYearAndWeek(dateOfEpochDay(days - doy), rules);
    return { year: date.year - 1, week: previous.week };
  }
  const newYearWeek = computeWeek(offset, daysInYear(date.year) + rules.minDays);
  if (week >= newYearWeek) return { year: date.year + 1, week: week - newYearWeek + 1 };
  return { year: date.year, week };
}

/**
 * The date of a (week-based year, week, localized day of week) triple, as WeekFields resolves
 * it in SMART mode; undefined when the week is out of range for that year.
 */
export function dateOfWeekBasedYear(
  weekYear: number,
  week: number,
  localizedDow: number,
  rules: WeekRules,
): LocalDateParts | undefined {
  const jan1 = epochDay(weekYear, 1, 1);
  const jan1Dow = localizedDayOfWeek(dayOfWeekOfEpochDay(jan1), rules);
  const weekContainingJan1 = jan1 - (jan1Dow - 1);
  // that week is week 1 when enough of its days fall in the new year
  const week1Start = 8 - jan1Dow >= rules.minDays ? weekContainingJan1 : weekContainingJan1 + 7;
  const result = dateOfEpochDay(week1Start + (week - 1) * 7 + (localizedDow - 1));
  const check = weekBasedYearAndWeek(result, rules);
  return check.year === weekYear && check.week === week ? result : undefined;
}

/** java.time.Month names, January first. */
export const MONTH_NAMES: readonly string[] = [
  "JANUARY",
  "FEBRUARY",
  "MARCH",
  "APRIL",
  "MAY",
  "JUNE",
  "JULY",
  "AUGUST",
  "SEPTEMBER",
  "OCTOBER",
  "NOVEMBER",
  "DECEMBER",
];
