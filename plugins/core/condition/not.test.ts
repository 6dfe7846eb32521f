import { describe, expect, it } from "vitest";
import plugin from "./not.js";

describe("Not", () => {
  it("needs at least one condition", () => {
    const conditions = [{ type: "io.kestra.plugin.core.condition.PublicHoliday", country: "FR" }];
    expect(plugin.properties.safeParse({ conditions }).success).toBe(true);
    expect(plugin.properties.safeParse({ conditions: [] }).success).toBe(false);
    expect(plugin.properties.safeParse({}).success).toBe(false);
  });
});
