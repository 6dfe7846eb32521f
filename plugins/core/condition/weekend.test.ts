import { describe, expect, it } from "vitest";
import { check, executionWith } from "../../../test/support/conditions.js";
import plugin from "./weekend.js";

describe("Weekend", () => {
  it("tests the trigger date unless told otherwise", () => {
    expect(plugin.properties.parse({})).toEqual({ date: "{{ trigger.date }}" });
    expect(plugin.properties.safeParse({ dayOfWeek: "SUNDAY" }).success).toBe(false);
  });

  it("is true on Saturdays and Sundays of the date's own zone", async () => {
    const type = plugin.type;
    expect(await check({ type, date: "2024-01-06" })).toBe(true);
    expect(await check({ type, date: "2024-01-07T12:00:00Z" })).toBe(true);
    expect(await check({ type, date: "2024-01-08" })).toBe(false);
    // Monday 00:30 in Paris is still Sunday in UTC: the date's own zone decides.
    expect(await check({ type, date: "2024-01-08T00:30:00+01:00" })).toBe(false);
    expect(await check({ type }, executionWith({ date: "2024-01-06T10:00:00Z" }))).toBe(true);
  });
});
