import { describe, expect, it } from "vitest";
import plugin from "./labels.js";

describe("Labels", () => {
  it("accepts a map, a list of {key, value} and a JSON string, as in labels-update-task", () => {
    const shapes = [
      { "{{ inputs.labelsMapKey }}": "{{ inputs.labelsMapValue }}" },
      [{ key: "{{ inputs.labelsListKey }}", value: "{{ inputs.labelsListValue }}" }],
      "{{ inputs.labelsJson }}",
      '{"team": "data"}',
    ];
    for (const labels of shapes)
      expect(plugin.properties.safeParse({ labels }).success, JSON.stringify(labels)).toBe(true);
    expect(plugin.aliases).toContain("io.kestra.core.tasks.executions.Labels");
  });

  it("requires labels and rejects other shapes", () => {
    expect(plugin.properties.safeParse({}).success).toBe(false);
    expect(plugin.properties.safeParse({ labels: 42 }).success).toBe(false);
    expect(plugin.properties.safeParse({ labels: [{ name: "a", value: "b" }] }).success).toBe(false);
  });
});
