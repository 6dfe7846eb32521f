import { describe, expect, it } from "vitest";
import { check } from "../../../test/support/conditions.js";
import plugin from "./or.js";

describe("Or", () => {
  it("needs a non-empty list of conditions", () => {
    const conditions = [
      { type: "io.kestra.plugin.core.condition.DayWeek", dayOfWeek: "MONDAY" },
      { type: "io.kestra.plugin.core.condition.Weekend" },
    ];
    expect(plugin.properties.safeParse({ conditions }).success).toBe(true);
    expect(plugin.properties.safeParse({ conditions: [] }).success).toBe(false);
    expect(plugin.properties.safeParse({ conditions: "Weekend" }).success).toBe(false);
  });

  it("is true when one of its conditions is, evaluating them in order", async () => {
    const type = plugin.type;
    const yes = { type: "io.kestra.plugin.core.condition.Expression", expression: "true" };
    const no = { type: "io.kestra.plugin.core.condition.Expression", expression: "false" };
    const broken = { type: "io.kestra.plugin.core.condition.Expression", expression: "{{ nothing }}" };
    expect(await check({ type, conditions: [no, yes] })).toBe(true);
    expect(await check({ type, conditions: [no, no] })).toBe(false);
    // Stops at the first true one: the broken one after it is never rendered.
    expect(await check({ type, conditions: [yes, broken] })).toBe(true);
    await expect(check({ type, conditions: [no, broken] })).rejects.toThrow(/nothing/);
  });
});
