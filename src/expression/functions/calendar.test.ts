import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { testContext } from "../test-context.js";
import dayOfMonth from "./day-of-month.js";
import dayOfWeek from "./day-of-week.js";
import hourOfDay from "./hour-of-day.js";
import isDayWeekInMonth from "./is-day-week-in-month.js";
import isWeekend from "./is-weekend.js";
import monthOfYear from "./month-of-year.js";
import now from "./now.js";

const ctx = testContext();

describe("now", () => {
  it("formats the clock in the server zone by default", () => {
    const ny = testContext({ timeZone: "America/New_York", now: "2024-01-02T03:04:05.123456Z" });
    expect(now.call({}, ny)).toBe("2024-01-01T22:04:05.123456-05:00");
    expect(now.call({ format: "HH:mm VV", timeZone: "Asia/Tokyo" }, ny)).toBe("12:04 Asia/Tokyo");
    expect(now.call({ format: "EEEE", locale: "fr_FR" }, ny)).toBe("lundi");
  });

  it("checks the locale like LocaleUtils.toLocale", () => {
    expect(() => now.call({ locale: "FR" }, ctx)).toThrow("Invalid locale format: FR");
    expect(() => now.call({ locale: 5 }, ctx)).toThrow(
      "class java.lang.Integer cannot be cast to class java.lang.String",
    );
  });
});

describe("Kestra 1.x calendar functions", () => {
  it("read the local date of ISO dates and date-times", () => {
    expect(dayOfWeek.call({ date: "2025-01-06" }, ctx)).toBe("MONDAY");
    expect(dayOfWeek.call({ date: "2025-01-06T00:30:00+02:00" }, ctx)).toBe("MONDAY");
    expect(
      dayOfWeek.call({ date: Temporal.ZonedDateTime.from("2025-01-05T23:00:00-05:00[America/New_York]") }, ctx),
    ).toBe("SUNDAY");
    expect(dayOfWeek.call({ date: Temporal.Instant.from("2025-01-05T23:00:00Z") }, ctx)).toBe("SUNDAY");
    expect(dayOfMonth.call({ date: "2025-01-06T10:00:00Z" }, ctx)).toBe(6);
    expect(monthOfYear.call({ date: "2025-12-06" }, ctx)).toBe(12);
  });

  it("isWeekend", () => {
    expect(isWeekend.call({ date: "2025-01-04" }, ctx)).toBe(true);
    expect(isWeekend.call({ date: "2025-01-05T12:00:00Z" }, ctx)).toBe(true);
    expect(isWeekend.call({ date: "2025-01-06" }, ctx)).toBe(false);
  });

  it("isDayWeekInMonth", () => {
    expect(isDayWeekInMonth.call({ date: "2025-01-06", dayOfWeek: "MONDAY", position: "FIRST" }, ctx)).toBe(true);
    expect(isDayWeekInMonth.call({ date: "2025-01-13", dayOfWeek: "MONDAY", position: "FIRST" }, ctx)).toBe(false);
    expect(isDayWeekInMonth.call({ date: "2025-01-13", dayOfWeek: "monday", position: "second" }, ctx)).toBe(true);
    expect(isDayWeekInMonth.call({ date: "2025-01-27", dayOfWeek: "MONDAY", position: "LAST" }, ctx)).toBe(true);
    expect(isDayWeekInMonth.call({ date: "2025-01-31", dayOfWeek: "FRIDAY", position: "LAST" }, ctx)).toBe(true);
    expect(() => isDayWeekInMonth.call({ date: "2025-01-06", dayOfWeek: "MON", position: "FIRST" }, ctx)).toThrow(
      "The 'isDayWeekInMonth()' function received an invalid 'dayOfWeek' value: 'MON'. Expected one of: MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY.",
    );
    expect(() => isDayWeekInMonth.call({ date: "2025-01-06", dayOfWeek: "MONDAY", position: "FIFTH" }, ctx)).toThrow(
      "The 'isDayWeekInMonth()' function received an invalid 'position' value: 'FIFTH'. Expected one of: FIRST, SECOND, THIRD, FOURTH, LAST.",
    );
    expect(() => isDayWeekInMonth.call({ date: "2025-01-06", dayOfWeek: "MONDAY" }, ctx)).toThrow(
      "The 'isDayWeekInMonth()' function expects a 'position' argument.",
    );
  });

  it("hourOfDay reads the hour as written", () => {
    expect(hourOfDay.call({ date: "2025-01-06T14:30:00+02:00" }, ctx)).toBe(14);
    expect(hourOfDay.call({ date: "2025-01-06T14:30:00" }, ctx)).toBe(14);
    expect(hourOfDay.call({ date: Temporal.PlainDateTime.from("2025-01-06T09:30") }, ctx)).toBe(9);
    expect(() => hourOfDay.call({ date: "2025-01-06" }, ctx)).toThrow(
      "The 'hourOfDay()' function could not parse 'date': Text '2025-01-06' could not be parsed at index 10",
    );
  });

  it("report missing and unparsable dates", () => {
    expect(() => dayOfWeek.call({}, ctx)).toThrow("The 'dayOfWeek()' function expects a 'date' argument.");
    expect(() => monthOfYear.call({ date: null }, ctx)).toThrow(
      "The 'monthOfYear()' function expects a 'date' argument.",
    );
    expect(() => dayOfMonth.call({ date: "foo" }, ctx)).toThrow(
      "The 'dayOfMonth()' function could not parse 'date': java.time.format.DateTimeParseException: Text 'foo' could not be parsed at index 0",
    );
    expect(() => dayOfWeek.call({ date: Temporal.PlainDateTime.from("2025-01-06T09:30") }, ctx)).toThrow(
      "could not parse 'date'",
    );
  });
});
