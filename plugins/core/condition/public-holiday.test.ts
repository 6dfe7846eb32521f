import { describe, expect, it } from "vitest";
import { check } from "../../../test/support/conditions.js";
import plugin from "./public-holiday.js";

describe("PublicHoliday", () => {
  it("takes a country and a subdivision", () => {
    expect(plugin.properties.parse({ country: "FR" })).toEqual({ date: "{{ trigger.date }}", country: "FR" });
    expect(plugin.properties.safeParse({ country: "FR", subDivision: "FR-A" }).success).toBe(true);
    expect(plugin.properties.safeParse({ country: "FR", region: "A" }).success).toBe(false);
  });

  it("cannot be evaluated: Tern has no holiday calendars, and says so", async () => {
    await expect(check({ type: plugin.type, date: "2024-12-25", country: "FR" })).rejects.toMatchObject({
      code: "condition.unsupported",
      message: expect.stringMatching(/PublicHoliday cannot be evaluated by Tern/),
    });
  });
});
