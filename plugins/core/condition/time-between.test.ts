import { describe, expect, it } from "vitest";
import { check, executionWith } from "../../../test/support/conditions.js";
import plugin from "./time-between.js";

describe("TimeBetween", () => {
  it("compares with times that carry an offset", () => {
    expect(plugin.properties.safeParse({ after: "16:00:00+02:00", before: "20:00:00+02:00" }).success).toBe(true);
    expect(plugin.properties.safeParse({ after: "16:00:00" }).success).toBe(false);
    expect(plugin.properties.safeParse({ after: "25:00:00Z" }).success).toBe(false);
  });

  it("compares the time of the date with offset times, bounds excluded", async () => {
    const type = plugin.type;
    const at = (date: string) => executionWith({ date });
    const afternoon = { after: "16:00:00+02:00", before: "20:00:00+02:00" };
    expect(await check({ type, ...afternoon }, at("2025-06-01T17:30:00+02:00"))).toBe(true);
    // 15:30Z is 17:30+02:00.
    expect(await check({ type, ...afternoon }, at("2025-06-01T15:30:00Z"))).toBe(true);
    expect(await check({ type, ...afternoon }, at("2025-06-01T18:30:00Z"))).toBe(false);
    expect(await check({ type, ...afternoon }, at("2025-06-01T16:00:00+02:00"))).toBe(false);
    expect(await check({ type, after: "08:00Z" }, at("2025-06-01T08:00:01Z"))).toBe(true);
    expect(await check({ type, before: "08:00Z" }, at("2025-06-01T08:00:01Z"))).toBe(false);
  });

  it("reads an `after` later than `before` as a range across midnight", async () => {
    const type = plugin.type;
    const night = { after: "22:00:00Z", before: "02:00:00Z" };
    expect(await check({ type, ...night }, executionWith({ date: "2025-06-01T23:00:00Z" }))).toBe(true);
    expect(await check({ type, ...night }, executionWith({ date: "2025-06-01T01:00:00Z" }))).toBe(true);
    expect(await check({ type, ...night }, executionWith({ date: "2025-06-01T12:00:00Z" }))).toBe(false);
  });

  it("fails without a bound", async () => {
    await expect(check({ type: plugin.type }, executionWith({ date: "2025-06-01T12:00:00Z" }))).rejects.toThrow(
      "Invalid condition with no before nor after",
    );
  });
});
