import { describe, expect, it } from "vitest";
import plugin from "./flow-condition.js";

describe("FlowCondition", () => {
  it("is deprecated for ExecutionFlow and needs namespace and flowId", () => {
    expect(plugin.deprecated).toMatch(/ExecutionFlow/);
    expect(plugin.properties.safeParse({ namespace: "io.kestra.tests", flowId: "f" }).success).toBe(true);
    expect(plugin.properties.safeParse({ namespace: "io.kestra.tests" }).success).toBe(false);
  });
});
