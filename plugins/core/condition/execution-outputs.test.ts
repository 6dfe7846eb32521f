import { describe, expect, it } from "vitest";
import plugin from "./execution-outputs.js";

describe("ExecutionOutputs", () => {
  it("needs a boolean expression", () => {
    expect(plugin.properties.safeParse({ expression: "{{ trigger.outputs.flow_a_output == 'hello' }}" }).success).toBe(
      true,
    );
    expect(plugin.properties.safeParse({ expression: "hello" }).success).toBe(false);
    expect(plugin.properties.safeParse({}).success).toBe(false);
  });
});
