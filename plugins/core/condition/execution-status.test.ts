import { describe, expect, it } from "vitest";
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
});
