import { describe, expect, it } from "vitest";
import plugin from "./output-values.js";

describe("OutputValues", () => {
  it("accepts values of any type, as in Kestra's examples", () => {
    const values = {
      taskrun_data: "{{ task.id }} > {{ taskrun.startDate }}",
      number_value: 42,
      array_value: ["{{ task.id }}", "static value"],
      nested_object: { key1: "value1", key2: "{{ execution.id }}" },
    };
    expect(plugin.properties.parse({ values })).toEqual({ values });
    expect(plugin.properties.safeParse({ values: "{{ outputs.x.values }}" }).success).toBe(true);
  });

  it("rejects a list of values", () => {
    expect(plugin.properties.safeParse({ values: ["a", "b"] }).success).toBe(false);
  });

  it("outputs values", () => {
    expect(plugin.outputs?.safeParse({ values: { one: "1rstValue" } }).success).toBe(true);
  });
});
