import { describe, expect, it } from "vitest";
import { check, executionWith } from "../../../test/support/conditions.js";
import plugin from "./day-week.js";

describe("DayWeek", () => {
  it("needs a day of the week", () => {
    expect(plugin.properties.parse({ dayOfWeek: "MONDAY" })).toEqual({
      date: "{{ trigger.date }}",
      dayOfWeek: "MONDAY",
    });
    expect(plugin.properties.safeParse({ dayOfWeek: "MON" }).success).toBe(false);
    expect(plugin.properties.safeParse({}).success).toBe(false);
    expect(plugin.aliases).toContain("io.kestra.plugin.core.condition.DayWeekCondition");
  });

  it("tests the day of the date in its own zone, or of a plain date", async () => {
    const type = plugin.type;
    // 2024-01-06 is a Saturday.
    expect(await check({ type, date: "2024-01-06", dayOfWeek: "SATURDAY" })).toBe(true);
    expect(await check({ type, date: "2024-01-06", dayOfWeek: "SUNDAY" })).toBe(false);
    // The date's own zone decides: Saturday 23:30 in Paris, Sunday 00:30 at +01:00 (Saturday 23:30 in UTC).
    expect(await check({ type, date: "2024-01-06T23:30:00+01:00[Europe/Paris]", dayOfWeek: "SATURDAY" })).toBe(true);
    expect(await check({ type, date: "2024-01-07T00:30:00+01:00", dayOfWeek: "SUNDAY" })).toBe(true);
    expect(
      await check(
        { type, dayOfWeek: "{{ trigger.day }}" },
        executionWith({ date: "2024-01-08T10:00:00Z", day: "MONDAY" }),
      ),
    ).toBe(true);
  });

  it("fails on what is not a date", async () => {
    await expect(check({ type: plugin.type, date: "tomorrow", dayOfWeek: "MONDAY" })).rejects.toThrow(
      /could not be parsed/,
    );
  });
});
