import { describe, expect, it } from "vitest";
import { check, executionWith } from "../../../test/support/conditions.js";
import plugin from "./execution-outputs.js";

describe("ExecutionOutputs", () => {
  it("needs a boolean expression", () => {
    expect(plugin.properties.safeParse({ expression: "{{ trigger.outputs.flow_a_output == 'hello' }}" }).success).toBe(
      true,
    );
    expect(plugin.properties.safeParse({ expression: "hello" }).success).toBe(false);
    expect(plugin.properties.safeParse({}).success).toBe(false);
  });

  it("renders the expression with the execution's outputs as trigger.outputs", async () => {
    const type = plugin.type;
    const done = executionWith({}, { outputs: { flow_a_output: "hello" } });
    expect(await check({ type, expression: "{{ trigger.outputs.flow_a_output == 'hello' }}" }, done)).toBe(true);
    expect(await check({ type, expression: "{{ trigger.outputs.flow_a_output == 'bye' }}" }, done)).toBe(false);
    // The trigger's own variables are still there beside the outputs.
    const both = executionWith({ executionId: "x" }, { outputs: { a: 1 } });
    expect(await check({ type, expression: "{{ trigger.executionId == 'x' and trigger.outputs.a == 1 }}" }, both)).toBe(
      true,
    );
  });

  it("is false without outputs, and fails when the expression is not a boolean", async () => {
    const type = plugin.type;
    expect(await check({ type, expression: "{{ true }}" }, executionWith())).toBe(false);
    expect(await check({ type, expression: "{{ true }}" }, executionWith({}, { outputs: {} }))).toBe(false);
    const done = executionWith({}, { outputs: { a: "x" } });
    await expect(check({ type, expression: "{{ trigger.outputs.a }}" }, done)).rejects.toThrow(/boolean/);
    await expect(check({ type, expression: "{{ true }}" }, null)).rejects.toThrow(/null execution/);
  });
});
