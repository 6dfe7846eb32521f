import { describe, expect, it } from "vitest";
import plugin from "./assert.js";

describe("Assert", () => {
  it("requires a list of conditions", () => {
    expect(plugin.properties.safeParse({}).success).toBe(false);
    expect(plugin.properties.safeParse({ conditions: "{{ true }}" }).success).toBe(false);
    expect(
      plugin.properties.safeParse({ conditions: ["{{ inputs.param == 'ok' }}", "{{ 1 + 1 == 3 }}"] }).success,
    ).toBe(true);
  });

  it("accepts an error message", () => {
    expect(plugin.properties.safeParse({ conditions: ["{{ true }}"], errorMessage: "bad data" }).success).toBe(true);
  });
});
