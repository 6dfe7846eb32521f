import { describe, expect, it } from "vitest";
import { check } from "../../../test/support/conditions.js";
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

  it("compares the flow's namespace, exactly or as a prefix", async () => {
    const type = plugin.type;
    expect(await check({ type, namespace: "company.team" })).toBe(true);
    expect(await check({ type, namespace: "company" })).toBe(false);
    expect(await check({ type, namespace: "company", prefix: true })).toBe(true);
    expect(await check({ type, namespace: "team", prefix: true })).toBe(false);
  });
});
