import { describe, expect, it } from "vitest";
import plugin from "./time-between.js";

describe("TimeBetween", () => {
  it("compares with times that carry an offset", () => {
    expect(plugin.properties.safeParse({ after: "16:00:00+02:00", before: "20:00:00+02:00" }).success).toBe(true);
    expect(plugin.properties.safeParse({ after: "16:00:00" }).success).toBe(false);
    expect(plugin.properties.safeParse({ after: "25:00:00Z" }).success).toBe(false);
  });
});
