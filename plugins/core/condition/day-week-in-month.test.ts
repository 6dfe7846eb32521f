import { describe, expect, it } from "vitest";
import plugin from "./day-week-in-month.js";

describe("DayWeekInMonth", () => {
  it("needs a weekday and its position in the month", () => {
    const props = { date: "{{ trigger.date }}", dayOfWeek: "MONDAY", dayInMonth: "FIRST" };
    expect(plugin.properties.parse(props)).toEqual(props);
    expect(plugin.properties.safeParse({ dayOfWeek: "MONDAY", dayInMonth: "FIFTH" }).success).toBe(false);
    expect(plugin.properties.safeParse({ dayOfWeek: "MONDAY" }).success).toBe(false);
  });
});
