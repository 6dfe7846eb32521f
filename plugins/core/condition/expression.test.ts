import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { check, executionWith } from "../../../test/support/conditions.js";
import { kestraFile } from "../../../test/support/kestra.js";
import plugin from "./expression.js";

describe("Expression", () => {
  it("accepts the condition of Kestra's webhook test flow, written with the old name", () => {
    const flow = parse(kestraFile("flows", "valids", "webhook-with-condition.yaml"));
    const { type, ...own } = flow.triggers[0].conditions[0];
    expect(plugin.aliases).toContain(type);
    expect(plugin.properties.parse(own)).toEqual({ expression: "{{trigger.body.hello == 'world'}}" });
  });

  it("needs an expression and keeps the legacy names", () => {
    expect(plugin.properties.safeParse({ expression: "{{ trigger.body.hello == 'world' }}" }).success).toBe(true);
    expect(plugin.properties.safeParse({}).success).toBe(false);
    expect(plugin.aliases).toEqual([
      "io.kestra.core.models.conditions.types.VariableCondition",
      "io.kestra.plugin.core.condition.ExpressionCondition",
    ]);
  });

  it("is true unless the rendered expression is blank or false", async () => {
    const type = plugin.type;
    const hello = executionWith({ body: { hello: "world" } });
    expect(await check({ type, expression: "{{ trigger.body.hello == 'world' }}" }, hello)).toBe(true);
    expect(await check({ type, expression: "{{ trigger.body.hello == 'webhook' }}" }, hello)).toBe(false);
    expect(await check({ type, expression: " {{ trigger.body.hello == 'webhook' }} " }, hello)).toBe(false);
    expect(await check({ type, expression: "{{ trigger.body.missing ?? '' }}" }, hello)).toBe(false);
    expect(await check({ type, expression: "   " }, hello)).toBe(false);
    // Anything else is true, even "False" or "0".
    expect(await check({ type, expression: "False" }, hello)).toBe(true);
    expect(await check({ type, expression: "{{ 0 }}" }, hello)).toBe(true);
    expect(await check({ type: "io.kestra.plugin.core.condition.ExpressionCondition", expression: "yes" })).toBe(true);
  });

  it("sees the execution's run variables: flow, execution, labels and input defaults", async () => {
    const type = plugin.type;
    expect(await check({ type, expression: "{{ flow.namespace == 'company.team' and execution.id == 'e1' }}" })).toBe(
      true,
    );
    expect(await check({ type, expression: "{{ inputs.region == 'eu' }}" })).toBe(true);
    expect(await check({ type, expression: "{{ labels.system.correlationId == 'e1' }}" })).toBe(true);
  });

  it("fails on an undefined variable (strict variables), which a trigger counts as false", async () => {
    await expect(check({ type: plugin.type, expression: "{{ trigger.nothing.here }}" })).rejects.toThrow(/nothing/);
  });
});
