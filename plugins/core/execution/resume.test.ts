import { describe, expect, it } from "vitest";
import plugin from "./resume.js";

describe("Resume", () => {
  it("accepts the resume-execution valid and explicit targets", () => {
    expect(plugin.properties.safeParse({ executionId: "{{inputs.executionId}}" }).success).toBe(true);
    expect(plugin.properties.safeParse({}).success).toBe(true);
    const props = { namespace: "company.team", flowId: "approval", executionId: "abc", inputs: { approved: true } };
    expect(plugin.properties.parse(props)).toEqual(props);
  });

  it("rejects inputs that are not a map", () => {
    expect(plugin.properties.safeParse({ inputs: ["a"] }).success).toBe(false);
  });
});
