import { describe, expect, it } from "vitest";
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
});
