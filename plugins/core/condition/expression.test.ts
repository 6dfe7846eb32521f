import { describe, expect, it } from "vitest";
import { parse } from "yaml";
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
});
