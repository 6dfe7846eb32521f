import { describe, expect, it } from "vitest";
import type { CheckContext } from "../../../src/plugin/define.js";
import switchTask from "./switch.js";

const task = { id: "a", type: "io.kestra.plugin.core.debug.Return", format: "{{ task.id }}" };
const parse = (value: unknown) => switchTask.properties.safeParse(value);
const context: CheckContext = { flowId: "f", namespace: "n", lookup: () => undefined };

function check(value: unknown) {
  const parsed = switchTask.properties.parse(value);
  const run = switchTask.check;
  if (run === undefined) throw new Error("Switch has a check");
  return run(parsed, context).map((issue) => issue.message);
}

describe("Switch", () => {
  it("is the flowable Kestra type, with its legacy name", () => {
    expect(switchTask.type).toBe("io.kestra.plugin.core.flow.Switch");
    expect(switchTask.aliases).toContain("io.kestra.core.tasks.flows.Switch");
  });

  it("accepts cases and defaults (switch.yaml, all-flowable.yaml)", () => {
    const value = { value: "{{ inputs.string }}", cases: { FIRST: [task], SECOND: [task] }, defaults: [task] };
    expect(parse(value).success).toBe(true);
    expect(parse({ value: "FIRST", cases: { FIRST: [task] }, errors: [task], finally: [task] }).success).toBe(true);
    expect(check(value)).toEqual([]);
  });

  it("needs a value that is not blank", () => {
    expect(parse({ cases: { A: [task] } }).error?.issues[0]?.message).toBe("must not be null");
    expect(parse({ value: "  ", cases: { A: [task] } }).error?.issues[0]?.message).toBe("must not be blank");
  });

  it("rejects cases that are not lists of tasks", () => {
    expect(parse({ value: "x", cases: { A: task } }).success).toBe(false);
    expect(parse({ value: "x", cases: [task] }).success).toBe(false);
  });

  it("reports Kestra's message when neither cases nor defaults hold anything (switch-invalid.yaml)", () => {
    const message = "No task defined, neither cases or default have any tasks";
    expect(check({ value: "{{inputs.string}}", cases: {} })).toEqual([message]);
    expect(check({ value: "x" })).toEqual([message]);
    expect(check({ value: "x", defaults: [] })).toEqual([message]);
    expect(check({ value: "x", defaults: [task] })).toEqual([]);
  });

  it("outputs the rendered value and whether the defaults ran", () => {
    expect(switchTask.outputs.safeParse({ value: "FIRST", defaults: false }).success).toBe(true);
    expect(switchTask.outputs.safeParse({ value: "FIRST" }).success).toBe(false);
  });
});
