import { describe, expect, it } from "vitest";
import { check } from "../../../test/support/conditions.js";
import plugin from "./day-week-in-month.js";

describe("DayWeekInMonth", () => {
  it("needs a weekday and its position in the month", () => {
    const props = { date: "{{ trigger.date }}", dayOfWeek: "MONDAY", dayInMonth: "FIRST" };
    expect(plugin.properties.parse(props)).toEqual(props);
    expect(plugin.properties.safeParse({ dayOfWeek: "MONDAY", dayInMonth: "FIFTH" }).success).toBe(false);
    expect(plugin.properties.safeParse({ dayOfWeek: "MONDAY" }).success).toBe(false);
  });

  it("finds the first to fourth and the last weekday of the month as Java's TemporalAdjusters do", async () => {
    const type = plugin.type;
    const is = (date: string, dayOfWeek: string, dayInMonth: string) => check({ type, date, dayOfWeek, dayInMonth });
    // January 2024: Mondays are the 1st, 8th, 15th, 22nd and 29th; Wednesdays the 3rd ... 31st.
    expect(await is("2024-01-01", "MONDAY", "FIRST")).toBe(true);
    expect(await is("2024-01-08", "MONDAY", "SECOND")).toBe(true);
    expect(await is("2024-01-15", "MONDAY", "THIRD")).toBe(true);
    expect(await is("2024-01-22", "MONDAY", "FOURTH")).toBe(true);
    expect(await is("2024-01-29", "MONDAY", "LAST")).toBe(true);
    expect(await is("2024-01-22", "MONDAY", "LAST")).toBe(false);
    expect(await is("2024-01-08", "MONDAY", "FIRST")).toBe(false);
    expect(await is("2024-01-31", "WEDNESDAY", "LAST")).toBe(true);
    expect(await is("2024-01-03", "WEDNESDAY", "FIRST")).toBe(true);
    expect(await is("2024-02-29T09:00:00+01:00", "THURSDAY", "LAST")).toBe(true);
    expect(await is("2024-01-01", "TUESDAY", "FIRST")).toBe(false);
  });
});
