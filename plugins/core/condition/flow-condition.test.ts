import { describe, expect, it } from "vitest";
import { check, executionWith } from "../../../test/support/conditions.js";
import plugin from "./flow-condition.js";

describe("FlowCondition", () => {
  it("is deprecated for ExecutionFlow and needs namespace and flowId", () => {
    expect(plugin.deprecated).toMatch(/ExecutionFlow/);
    expect(plugin.properties.safeParse({ namespace: "io.kestra.tests", flowId: "f" }).success).toBe(true);
    expect(plugin.properties.safeParse({ namespace: "io.kestra.tests" }).success).toBe(false);
  });

  it("compares the flow the trigger belongs to, not the execution", async () => {
    const type = plugin.type;
    const other = executionWith({}, { namespace: "elsewhere", flowId: "other" });
    expect(await check({ type, namespace: "company.team", flowId: "listener" }, other)).toBe(true);
    expect(await check({ type, namespace: "company.team", flowId: "other" }, other)).toBe(false);
  });
});
