import { describe, expect, it } from "vitest";
import { check, executionWith } from "../../../test/support/conditions.js";
import plugin from "./execution-status.js";

describe("ExecutionStatus", () => {
  it("takes lists of states, or expressions, under the old and new names", () => {
    expect(plugin.properties.safeParse({ in: ["SUCCESS"], notIn: ["FAILED"] }).success).toBe(true);
    expect(plugin.properties.safeParse({ in: "{{ inputs.states }}" }).success).toBe(true);
    expect(plugin.properties.safeParse({ in: ["DONE"] }).success).toBe(false);
    expect(plugin.aliases).toEqual([
      "io.kestra.core.models.conditions.types.ExecutionStatusCondition",
      "io.kestra.plugin.core.condition.ExecutionStatusCondition",
    ]);
  });

  it("is true when the execution's state is in `in` and not in `notIn`", async () => {
    const type = plugin.type;
    const failed = executionWith({}, { state: { current: "FAILED", histories: [] } });
    expect(await check({ type, in: ["FAILED", "WARNING"] }, failed)).toBe(true);
    expect(await check({ type, in: ["SUCCESS"] }, failed)).toBe(false);
    expect(await check({ type, notIn: ["FAILED"] }, failed)).toBe(false);
    expect(await check({ type, notIn: ["SUCCESS"] }, failed)).toBe(true);
    expect(await check({ type }, failed)).toBe(true);
    expect(await check({ type, in: "{{ ['FAILED'] }}" }, failed)).toBe(true);
  });
});
