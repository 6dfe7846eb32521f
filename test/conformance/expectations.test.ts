/** The harness's own checks must be able to fail, or a passing case proves nothing. */
import { describe, expect, it } from "vitest";
import type { Execution, TaskRun } from "../../src/executor/model.js";
import { checkExpectations } from "./expectations.js";

function run(id: string, taskId: string, outputs: Record<string, unknown>, parent?: string, value?: string): TaskRun {
  return {
    id,
    executionId: "e",
    namespace: "n",
    flowId: "f",
    taskId,
    ...(parent ? { parentTaskRunId: parent } : {}),
    ...(value ? { value } : {}),
    outputs,
    state: { current: "SUCCESS", histories: [] },
  };
}

const execution = {
  id: "e",
  namespace: "n",
  flowId: "f",
  taskRunList: [
    run("1", "each", {}),
    run("2", "a", { value: "x > s1" }, "1", "s1"),
    run("3", "b", { value: "got x > s1 here" }),
  ],
  state: { current: "SUCCESS", histories: [] },
  labels: [],
} as unknown as Execution;

describe("relations", () => {
  it("hold when one output contains the other", () => {
    expect(
      checkExpectations({ relations: ["outputs of b contains outputs of a[values=s1].value"] }, execution),
    ).toEqual([]);
    expect(
      checkExpectations({ relations: ["outputs of b.value contains 'got ' + a[values=s1].value"] }, execution),
    ).toEqual([]);
  });

  it("fail when it does not, or when an output is missing", () => {
    expect(
      checkExpectations({ relations: ["outputs of a[values=s1] contains outputs of b.value"] }, execution),
    ).toHaveLength(1);
    expect(
      checkExpectations({ relations: ["outputs of b contains outputs of a[values=s2].value"] }, execution),
    ).toHaveLength(1);
    expect(checkExpectations({ relations: ["b is like a"] }, execution)).toHaveLength(1);
  });
});
