import { describe, expect, it } from "vitest";
import plugin from "./fail.js";

describe("Fail", () => {
  it("defaults errorMessage to 'Task failure'", () => {
    expect(plugin.properties.parse({})).toEqual({ errorMessage: "Task failure" });
  });

  it("accepts a condition and a message", () => {
    const props = { condition: '{{inputs.param == "fail"}}', errorMessage: "Something went wrong" };
    expect(plugin.properties.parse(props)).toEqual(props);
    expect(plugin.aliases).toContain("io.kestra.core.tasks.executions.Fail");
  });

  it("rejects unknown properties and a list condition", () => {
    expect(plugin.properties.safeParse({ message: "x" }).success).toBe(false);
    expect(plugin.properties.safeParse({ condition: ["a"] }).success).toBe(false);
  });
});
