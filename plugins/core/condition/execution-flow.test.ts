import { describe, expect, it } from "vitest";
import { check } from "../../../test/support/conditions.js";
import plugin from "./execution-flow.js";

describe("ExecutionFlow", () => {
  it("needs the namespace and the flow id", () => {
    expect(plugin.properties.safeParse({ namespace: "io.kestra.tests.trigger", flowId: "trigger-flow" }).success).toBe(
      true,
    );
    expect(plugin.properties.safeParse({ namespace: "io.kestra.tests.trigger" }).success).toBe(false);
  });

  it("compares the execution's namespace and flow id, rendered", async () => {
    const type = plugin.type;
    expect(await check({ type, namespace: "company.team", flowId: "listener" })).toBe(true);
    expect(await check({ type, namespace: "{{ flow.namespace }}", flowId: "{{ flow.id }}" })).toBe(true);
    expect(await check({ type, namespace: "company", flowId: "listener" })).toBe(false);
    expect(await check({ type, namespace: "company.team", flowId: "other" })).toBe(false);
    await expect(check({ type, namespace: "a", flowId: "b" }, null)).rejects.toThrow(
      "Invalid condition with null execution",
    );
  });
});
