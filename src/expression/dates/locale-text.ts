/**
 * Locale-dependent text of java.time (month and day names, AM/PM, eras, quarters, day periods)
 * and week rules, read from Intl (the same CLDR data Java uses).
 */
import { ISO_WEEK, type WeekRules } from "./calendar.js";
import { intlFormat, isEnglish } from "./zones.js";

/** java.time.format.TextStyle: FULL, SHORT, NARROW, each in a format or a standalone form. */
export interface TextStyle {
  readonly width: "full" | "short" | "narrow";
  readonly standalone: boolean;
}

export type TextField = "Era" | "MonthOfYear" | "DayOfWeek" | "AmPmOfDay" | "QuarterOfYear";

const INTL_WIDTH = { full: "long", short: "short", narrow: "narrow" } as const;

function part(locale: string, options: Intl.DateTimeFormatOptions, date: Date, type: string): string {
  const parts = intlFormat(locale, { ...options, timeZone: "UTC" }).formatToParts(date);
  return parts.find((p) => p.type === type)?.value ?? "";
}

const ENGLISH_QUARTERS = {
  full: ["1st quarter", "2nd quarter", "3rd quarter", "4th quarter"],
  short: ["Q1", "Q2", "Q3", "Q4"],
  narrow: ["1", "2", "3", "4"],
} as const;

const textCache = new Map<string, string>();

/**
 * The text of a field value: Era 0/1, MonthOfYear 1-12, DayOfWeek 1-7 (ISO), AmPmOfDay 0/1,
 * QuarterOfYear 1-4.
 */
export function fieldText(field: TextField, value: number, style: TextStyle, locale: string): string {
  const key = `${locale}|${field}|${value}|${style.width}|${style.standalone}`;
  const cached = textCache.get(key);
  if (cached !== undefined) return cached;
  const width = INTL_WIDTH[style.width];
  let text: string;
  switch (field) {
    case "MonthOfYear": {
      const date = new Date(Date.UTC(2021, value - 1, 1));
      text = style.standalone
        ? part(locale, { month: width }, date, "month")
        : part(locale, { month: width, day: "numeric" }, date, "month");
      break;
    }
    case "DayOfWeek": {
      // 2024-01-01 was a Monday
      const date = new Date(Date.UTC(2024, 0, value));
      text = style.standalone
        ? part(locale, { weekday: width }, date, "weekday")
        : part(locale, { weekday: width, year: "numeric", month: "long", day: "numeric" }, date, "weekday");
      break;
    }
    case "AmPmOfDay":
      text = part(
        locale,
        { hour: "numeric", hourCycle: "h12" },
        new Date(Date.UTC(2021, 0, 1, value ? 15 : 9)),
        "dayPeriod",
      );
      break;
    case "Era": {
      const date = new Date(Date.UTC(value === 1 ? 2021 : -100, 0, 1));
      text = part(locale, { era: width, year: "numeric" }, date, "era");
      break;
    }
    case "QuarterOfYear":
      text = ENGLISH_QUARTERS[style.width][value - 1] ?? String(value);
      break;
  }
  textCache.set(key, text);
  return text;
}

/** The values a text field can take, for parsing. */
export function fieldTextValues(field: TextField): readonly number[] {
  switch (field) {
    case "Era":
    case "AmPmOfDay":
      return [0, 1];
    case "MonthOfYear":
      return [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    case "DayOfWeek":
      return [1, 2, 3, 4, 5, 6, 7];
    case "QuarterOfYear":
      return [1, 2, 3, 4];
  }
}

/** CLDR's English day periods, as Java applies them (Intl's flexible periods differ). */
function englishDayPeriod(hour: number, minute: number, width: TextStyle["width"]): string {
  if (minute === 0 && hour === 0) return width === "narrow" ? "mi" : "midnight";
  if (minute === 0 && hour === 12) return width === "narrow" ? "n" : "noon";
  if (hour >= 6 && hour < 12) return "in the morning";
  if (hour >= 12 && hour < 18) return "in the afternoon";
  if (hour >= 18 && hour < 21) return "in the evening";
  return "at night";
}

/** The day-period text (`B`) of a time of day. */
export function dayPeriodText(hour: number, minute: number, width: TextStyle["width"], locale: string): string {
  if (isEnglish(locale)) return englishDayPeriod(hour, minute, width);
  return part(
    locale,
    { hour: "numeric", dayPeriod: INTL_WIDTH[width] },
    new Date(Date.UTC(2021, 0, 1, hour, minute)),
    "dayPeriod",
  );
}

/**
 * CLDR week data (supplemental weekData, as the JDK ships it): first day of the week and
 * minimal days of the first week by region. Java uses region "US" for a locale without one.
 */
const SUNDAY_FIRST =
  "AG AS BD BR BS BT BW BZ CA CN CO DM DO ET GT GU HK HN ID IL IN JM JP KE KH KR LA MH MM MO MT MX MZ NI NP PA PE " +
  "PH PK PR PT PY SA SG SV TH TT TW UM US VE VI WS YE ZA ZW";
const SATURDAY_FIRST = "AE AF BH DJ DZ EG IQ IR JO KW LY OM QA SD SY";
const FRIDAY_FIRST = "MV";
const MIN_DAYS_4 =
  "AD AN AT AX BE BG CH CZ DE DK EE ES FI FJ FO FR GB GF GG GI GP GR HU IE IM IS IT JE LI LT LU MC MQ NL NO PL PT RE " +
  "RU SE SJ SK SM VA";

function inList(list: string, region: string): boolean {
  return ` ${list} `.includes(` ${region} `);
}

const weekRulesCache = new Map<string, WeekRules>();

/** WeekFields.of(locale): the locale's region, or US when it has none (cached per locale). */
export function weekRules(locale: string): WeekRules {
  let rules = weekRulesCache.get(locale);
  if (!rules) {
    rules = computeWeekRules(locale);
    weekRulesCache.set(locale, rules);
  }
  return rules;
}

function computeWeekRules(locale: string): WeekRules {
  let region: string | undefined;
  try {
    region = new Intl.Locale(locale).region;
  } catch {
    region = undefined;
  }
  const r = (region ?? "US").toUpperCase();
  if (r === "001") return ISO_WEEK;
  let firstDay = 1;
  if (inList(SUNDAY_FIRST, r)) firstDay = 7;
  else if (inList(SATURDAY_FIRST, r)) firstDay = 6;
  else if (inList(FRIDAY_FIRST, r)) firstDay = 5;
  return { firstDay, minDays: inList(MIN_DAYS_4, r) ? 4 : 1 };
}
