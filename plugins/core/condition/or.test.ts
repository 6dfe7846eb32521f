import { describe, expect, it } from "vitest";
import plugin from "./or.js";

describe("Or", () => {
  it("needs a non-empty list of conditions", () => {
    const conditions = [
      { type: "io.kestra.plugin.core.condition.DayWeek", dayOfWeek: "MONDAY" },
      { type: "io.kestra.plugin.core.condition.Weekend" },
    ];
    expect(plugin.properties.safeParse({ conditions }).success).toBe(true);
    expect(plugin.properties.safeParse({ conditions: [] }).success).toBe(false);
    expect(plugin.properties.safeParse({ conditions: "Weekend" }).success).toBe(false);
  });
});
