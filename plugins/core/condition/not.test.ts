import { describe, expect, it } from "vitest";
import { check } from "../../../test/support/conditions.js";
import plugin from "./not.js";

describe("Not", () => {
  it("needs at least one condition", () => {
    const conditions = [{ type: "io.kestra.plugin.core.condition.PublicHoliday", country: "FR" }];
    expect(plugin.properties.safeParse({ conditions }).success).toBe(true);
    expect(plugin.properties.safeParse({ conditions: [] }).success).toBe(false);
    expect(plugin.properties.safeParse({}).success).toBe(false);
  });

  it("is true when none of its conditions is", async () => {
    const type = plugin.type;
    const yes = { type: "io.kestra.plugin.core.condition.Expression", expression: "true" };
    const no = { type: "io.kestra.plugin.core.condition.Expression", expression: "false" };
    expect(await check({ type, conditions: [no, no] })).toBe(true);
    expect(await check({ type, conditions: [no, yes] })).toBe(false);
    expect(await check({ type: "io.kestra.plugin.core.condition.NotCondition", conditions: [yes] })).toBe(false);
  });

  it("lets a child's failure through", async () => {
    const broken = { type: "io.kestra.plugin.core.condition.Expression", expression: "{{ nothing }}" };
    await expect(check({ type: plugin.type, conditions: [broken] })).rejects.toThrow(/nothing/);
  });
});
