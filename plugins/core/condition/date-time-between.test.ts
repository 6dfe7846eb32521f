import { describe, expect, it } from "vitest";
import { check, executionWith } from "../../../test/support/conditions.js";
import plugin from "./date-time-between.js";

describe("DateTimeBetween", () => {
  it("tests the trigger date by default against zoned date-times", () => {
    expect(plugin.properties.parse({ after: "2025-01-01T00:00:00Z", before: "2025-12-31T23:59:59Z" })).toEqual({
      date: "{{ trigger.date }}",
      after: "2025-01-01T00:00:00Z",
      before: "2025-12-31T23:59:59Z",
    });
    expect(plugin.properties.safeParse({ date: "{{ execution.startDate }}", after: "{{ inputs.from }}" }).success).toBe(
      true,
    );
    expect(plugin.aliases).toContain("io.kestra.core.models.conditions.types.DateTimeBetweenCondition");
  });

  it("refuses a bound without an offset", () => {
    expect(plugin.properties.safeParse({ after: "2013-09-08T16:19:12" }).success).toBe(false);
  });

  it("compares instants, bounds excluded, whatever the offsets", async () => {
    const type = plugin.type;
    const at = (date: string) => executionWith({ date });
    const year = { after: "2025-01-01T00:00:00Z", before: "2025-12-31T23:59:59Z" };
    expect(await check({ type, ...year }, at("2025-06-01T12:00:00+02:00"))).toBe(true);
    expect(await check({ type, ...year }, at("2026-01-01T01:30:00+01:00"))).toBe(false);
    // 2026-01-01T00:30:00+01:00 is still 2025 in UTC.
    expect(await check({ type, ...year }, at("2026-01-01T00:30:00+01:00"))).toBe(true);
    // 2025-01-01T00:30:00+01:00 is 2024-12-31T23:30Z: before `after`.
    expect(await check({ type, ...year }, at("2025-01-01T00:30:00+01:00"))).toBe(false);
    expect(await check({ type, ...year }, at("2025-01-01T00:00:00Z"))).toBe(false);
    expect(await check({ type, after: "2025-01-01T00:00:00Z" }, at("2025-01-01T00:00:01Z"))).toBe(true);
    expect(await check({ type, before: "2025-01-01T00:00:00Z" }, at("2025-01-01T00:00:01Z"))).toBe(false);
    expect(await check({ type, date: "2025-03-01T10:00:00+01:00[Europe/Paris]", ...year })).toBe(true);
  });

  it("renders the date and the bounds", async () => {
    const type = plugin.type;
    const vars = executionWith({ date: "2025-06-01T12:00:00Z", from: "2025-06-01T11:00:00Z" });
    expect(await check({ type, after: "{{ trigger.from }}" }, vars)).toBe(true);
    expect(await check({ type, date: "{{ trigger.from }}", after: "{{ trigger.date }}" }, vars)).toBe(false);
  });

  it("fails without a bound, on a date without an offset, and without trigger.date (a webhook has none)", async () => {
    const type = plugin.type;
    const at = executionWith({ date: "2025-06-01T12:00:00Z" });
    await expect(check({ type }, at)).rejects.toThrow("Invalid condition with no before nor after");
    await expect(check({ type, date: "2025-06-01T12:00:00", after: "2025-01-01T00:00:00Z" })).rejects.toThrow(
      /could not be parsed/,
    );
    await expect(check({ type, after: "2025-01-01T00:00:00Z" }, executionWith({ body: null }))).rejects.toThrow(/date/);
  });
});
