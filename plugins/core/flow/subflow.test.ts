import { describe, expect, it } from "vitest";
import type { CheckContext } from "../../../src/plugin/define.js";
import subflow from "./subflow.js";

const parse = (value: unknown) => subflow.properties.safeParse(value);
const context: CheckContext = { flowId: "f", namespace: "n", lookup: () => undefined };
const target = { namespace: "io.kestra.tests", flowId: "subflow-child" };

function check(value: unknown) {
  const run = subflow.check;
  if (run === undefined) throw new Error("Subflow has a check");
  return run(subflow.properties.parse(value), context);
}

describe("Subflow", () => {
  it("is the Kestra type and answers to the legacy Subflow and Flow names", () => {
    expect(subflow.type).toBe("io.kestra.plugin.core.flow.Subflow");
    expect(subflow.aliases).toEqual(["io.kestra.core.tasks.flows.Subflow", "io.kestra.core.tasks.flows.Flow"]);
  });

  it("waits for the child and transmits its failure by default", () => {
    expect(parse(target).data).toEqual({
      ...target,
      inheritLabels: false,
      wait: true,
      transmitFailed: true,
      restartBehavior: "RETRY_FAILED",
    });
  });

  it("accepts the shapes of task-flow*.yaml, including the deprecated `outputs`", () => {
    const value = {
      ...target,
      inputs: { string: "{{ inputs.string }}" },
      labels: { launchTaskLabel: "launchFoo" },
      wait: true,
      transmitFailed: true,
      inheritLabels: true,
      outputs: { extracted: "{{ outputs.default.value }}" },
    };
    expect(parse(value).success).toBe(true);
    expect(parse({ ...target, flowId: "{{ taskrun.value }}", labels: [{ key: "a", value: "b" }] }).success).toBe(true);
    expect(parse({ ...target, revision: 2, restartBehavior: "NEW_EXECUTION" }).success).toBe(true);
    expect(parse({ ...target, scheduleDate: "2025-01-31T09:00:00+01:00" }).success).toBe(true);
    expect(parse({ ...target, scheduleDate: "{{ now() | dateAdd(1, 'HOURS') }}" }).success).toBe(true);
  });

  it("requires namespace and flowId, and checks the other properties' types", () => {
    expect(parse({ namespace: "n" }).success).toBe(false);
    expect(parse({ flowId: "f" }).success).toBe(false);
    expect(parse({ ...target, revision: 0 }).success).toBe(false);
    expect(parse({ ...target, wait: "yes" }).success).toBe(false);
    expect(parse({ ...target, restartBehavior: "RETRY" }).success).toBe(false);
    expect(parse({ ...target, scheduleDate: "tomorrow" }).success).toBe(false);
    expect(parse({ ...target, flow: "x" }).success).toBe(false);
  });

  it("refuses system labels on the child execution", () => {
    expect(check({ ...target, labels: { team: "a" } })).toEqual([]);
    expect(check({ ...target, labels: { "system.correlationId": "x" } })).toEqual([
      {
        message: "System labels can only be set by Kestra itself, offending label: system.correlationId=x.",
        path: ["labels", "system.correlationId"],
      },
    ]);
    expect(check({ ...target, labels: [{ key: "system.readOnly", value: "true" }] })[0]?.path).toEqual(["labels", 0]);
  });

  it("outputs the child execution id, state and outputs", () => {
    expect(subflow.outputs.safeParse({ executionId: "abc", state: "SUCCESS", outputs: { a: 1 } }).success).toBe(true);
    expect(subflow.outputs.safeParse({ executionId: "abc", state: "DONE" }).success).toBe(false);
  });
});
