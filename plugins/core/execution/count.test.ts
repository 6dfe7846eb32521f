import { describe, expect, it } from "vitest";
import plugin from "./count.js";

describe("Count", () => {
  it("accepts Kestra's example", () => {
    const props = {
      expression: "{{ count == 0 }}",
      flows: [{ namespace: "company.team", flowId: "logs" }],
      startDate: "{{ now() | dateAdd(-1, 'DAYS') }}",
    };
    expect(plugin.properties.parse(props)).toEqual(props);
    expect(plugin.aliases).toContain("io.kestra.core.tasks.executions.Counts");
  });

  it("requires expression and startDate, and complete flow references", () => {
    expect(plugin.properties.safeParse({ startDate: "x" }).success).toBe(false);
    expect(plugin.properties.safeParse({ expression: "{{ true }}" }).success).toBe(false);
    expect(plugin.properties.safeParse({ expression: "x", startDate: "x", flows: [{ namespace: "a" }] }).success).toBe(
      false,
    );
  });
});
