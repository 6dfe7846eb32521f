import { describe, expect, it } from "vitest";
import plugin from "./public-holiday.js";

describe("PublicHoliday", () => {
  it("takes a country and a subdivision", () => {
    expect(plugin.properties.parse({ country: "FR" })).toEqual({ date: "{{ trigger.date }}", country: "FR" });
    expect(plugin.properties.safeParse({ country: "FR", subDivision: "FR-A" }).success).toBe(true);
    expect(plugin.properties.safeParse({ country: "FR", region: "A" }).success).toBe(false);
  });
});
