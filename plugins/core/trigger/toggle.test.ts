import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { kestraFile } from "../../../test/support/kestra.js";
import toggle from "./toggle.js";

describe("Toggle", () => {
  it("is a task, also known by its legacy name, as used in Kestra's test flow", () => {
    expect(toggle.category).toBe("task");
    const flow = parse(kestraFile("flows", "valids", "trigger-toggle.yaml")) as { tasks: Record<string, unknown>[] };
    const task = flow.tasks.find((t) => t.type === "io.kestra.core.tasks.trigger.Toggle");
    expect(toggle.aliases).toContain(task?.type);
    const { id: _id, type: _type, ...own } = task ?? {};
    expect(toggle.properties.parse(own)).toEqual({ trigger: "schedule", enabled: true });
  });

  it("needs the trigger id and disables by default", () => {
    expect(toggle.properties.parse({ trigger: "schedule", namespace: "{{ flow.namespace }}" }).enabled).toBe(false);
    expect(toggle.properties.safeParse({ enabled: true }).success).toBe(false);
  });
});
