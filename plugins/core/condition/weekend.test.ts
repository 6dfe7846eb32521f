import { describe, expect, it } from "vitest";
import plugin from "./weekend.js";

describe("Weekend", () => {
  it("tests the trigger date unless told otherwise", () => {
    expect(plugin.properties.parse({})).toEqual({ date: "{{ trigger.date }}" });
    expect(plugin.properties.safeParse({ dayOfWeek: "SUNDAY" }).success).toBe(false);
  });
});
