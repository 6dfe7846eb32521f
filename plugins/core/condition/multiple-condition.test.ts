import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { check } from "../../../test/support/conditions.js";
import { kestraFile } from "../../../test/support/kestra.js";
import plugin from "./multiple-condition.js";

describe("MultipleCondition", () => {
  it("accepts the deprecated shape of Kestra's test flows (window, windowAdvance)", () => {
    for (const file of ["trigger-multiplecondition-listener.yaml", "trigger-multiplecondition-failed.yaml"]) {
      const flow = parse(kestraFile("flows", "valids", file)) as {
        triggers: { conditions: Record<string, unknown>[] }[];
      };
      const condition = flow.triggers[0]?.conditions.find((c) => c.type === plugin.type) ?? {};
      const { type: _type, ...own } = condition;
      expect(plugin.properties.safeParse(own).success, file).toBe(true);
    }
    expect(plugin.deprecated).toMatch(/preconditions/);
  });

  it("needs an id and at least one named condition", () => {
    const conditions = { a: { type: "io.kestra.plugin.core.condition.ExecutionStatus", in: ["SUCCESS"] } };
    const parsed = plugin.properties.parse({ id: "multiple", conditions });
    expect(parsed.timeWindow).toEqual({ type: "DURATION_WINDOW" });
    expect(parsed.resetOnSuccess).toBe(true);
    expect(plugin.properties.safeParse({ conditions }).success).toBe(false);
    expect(plugin.properties.safeParse({ id: "multiple", conditions: {} }).success).toBe(false);
  });

  it("is evaluated only by a Flow trigger's window, so evaluating it alone is refused", async () => {
    const conditions = { a: { type: "io.kestra.plugin.core.condition.ExecutionStatus", in: ["SUCCESS"] } };
    await expect(check({ type: plugin.type, id: "multiple", conditions })).rejects.toMatchObject({
      code: "condition.unsupported",
    });
  });
});
