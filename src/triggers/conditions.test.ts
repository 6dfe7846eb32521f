import { describe, expect, it } from "vitest";
import { checkAll, executionWith } from "../../test/support/conditions.js";

const expression = (text: string) => ({ type: "io.kestra.plugin.core.condition.Expression", expression: text });

describe("conditionsMet", () => {
  it("needs every condition true; none is met", async () => {
    expect(await checkAll([])).toEqual({ met: true });
    expect(await checkAll([expression("true"), expression("yes")])).toEqual({ met: true });
    expect(await checkAll([expression("true"), expression("false")])).toEqual({ met: false });
  });

  it("counts a condition that fails to evaluate as false, keeping why (Kestra logs it)", async () => {
    const result = await checkAll([expression("{{ trigger.body.missing.deeper }}")], executionWith({ body: {} }));
    expect(result.met).toBe(false);
    expect(result.failure?.type).toBe("io.kestra.plugin.core.condition.Expression");
    expect(result.failure?.message).toMatch(/missing/);
  });

  it("stops at the first false condition", async () => {
    expect(await checkAll([expression("false"), expression("{{ nothing }}")])).toEqual({ met: false });
  });

  it("refuses a condition Tern cannot evaluate, even nested, rather than reading it as false", async () => {
    const holiday = { type: "io.kestra.plugin.core.condition.PublicHoliday", date: "2024-12-25" };
    await expect(checkAll([holiday])).rejects.toMatchObject({ code: "condition.unsupported" });
    await expect(
      checkAll([{ type: "io.kestra.plugin.core.condition.Or", conditions: [expression("false"), holiday] }]),
    ).rejects.toMatchObject({ code: "condition.unsupported" });
    await expect(checkAll([{ type: "io.kestra.plugin.core.condition.Nope" }])).rejects.toThrow(
      /Unknown condition type/,
    );
  });

  it("reports properties that do not fit the condition as a failure", async () => {
    const result = await checkAll([{ type: "io.kestra.plugin.core.condition.DayWeek", dayOfWeek: "someday" }]);
    expect(result.met).toBe(false);
    expect(result.failure?.message).toMatch(/Invalid condition io.kestra.plugin.core.condition.DayWeek: dayOfWeek/);
  });
});
