import { describe, expect, it } from "vitest";
import plugin from "./schedule-on-dates.js";

describe("ScheduleOnDates", () => {
  it("takes zoned dates, or an expression listing them", () => {
    const props = { dates: ["2025-12-23T09:00:00+01:00", "2026-01-01T00:00:00Z[Europe/Paris]"], inputs: { x: 1 } };
    expect(plugin.properties.parse(props)).toEqual({ ...props, timezone: "UTC" });
    expect(
      plugin.properties.safeParse({ dates: "{{ kv('release_dates') }}", timezone: "America/New_York" }).success,
    ).toBe(true);
  });

  it("refuses dates without an offset, a bad zone and missing dates", () => {
    expect(plugin.properties.safeParse({ dates: ["2025-12-23 09:00"] }).success).toBe(false);
    expect(plugin.properties.safeParse({ dates: ["2025-12-23T09:00:00"] }).success).toBe(false);
    expect(plugin.properties.safeParse({ dates: [], timezone: "Mars/Olympus" }).success).toBe(false);
    expect(plugin.properties.safeParse({}).success).toBe(false);
  });
});
