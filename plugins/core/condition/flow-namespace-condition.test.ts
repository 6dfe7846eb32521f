import { describe, expect, it } from "vitest";
import plugin from "./flow-namespace-condition.js";

describe("FlowNamespaceCondition", () => {
  it("is deprecated for ExecutionNamespace and matches exactly by default", () => {
    expect(plugin.deprecated).toMatch(/ExecutionNamespace/);
    expect(plugin.properties.parse({ namespace: "io.kestra.tests" })).toEqual({
      namespace: "io.kestra.tests",
      prefix: false,
    });
    expect(plugin.properties.safeParse({ prefix: true }).success).toBe(false);
  });
});
