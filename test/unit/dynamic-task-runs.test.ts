/**
 * Dynamic task runs: task runs a runnable task reports having created while it ran
 * (Kestra's RunContext.dynamicWorkerResult), whose task ids the flow lacks. step() adds
 * them, and kill, restart, replay and markAs meet them without looking for their task.
 */
import { describe, expect, it } from "vitest";
import { markAs, replay, restart } from "../../src/executor/actions.js";
import { toExecution } from "../../src/executor/exec-state.js";
import { step } from "../../src/executor/step.js";
import { createEngine } from "../../src/expression/index.js";
import { sequentialIds } from "../../src/util/ids.js";
import { stepDriver } from "../support/step-driver.js";

const engine = createEngine();

const FLOW = `id: f
namespace: n
tasks:
  - id: a
    type: io.kestra.plugin.core.debug.Return
    format: a
  - id: b
    type: io.kestra.plugin.core.debug.Return
    format: b
`;

function start(source: string) {
  const driver = stepDriver(source);
  const runs = () => driver.execution().taskRunList;
  return {
    ...driver,
    dynamicRuns: () => runs().filter((r) => r.dynamic),
    /** `task:STATE` (`~` marks a dynamic run, whose value is its parent's id). */
    states: () => runs().map((r) => `${r.dynamic ? "~" : ""}${r.taskId}:${r.state.current}`),
  };
}

/** Runs `a`, which reports one dynamic task run in `state` and ends in `state` too. */
function reportFromA(run: ReturnType<typeof start>, state: "SUCCESS" | "FAILED") {
  const a = run.runIdOf("a");
  return run.send({
    type: "task.ended",
    taskRunId: a,
    state,
    dynamicTaskRuns: [{ taskId: "made-by-a", value: a, state, outputs: { n: 1 } }],
  });
}

describe("dynamic task runs", () => {
  it("are added under the reporting task run, before it ends, and nothing waits for them", () => {
    const run = start(FLOW);
    run.send({ type: "execution.start" });
    const a = run.runIdOf("a");
    const commands = reportFromA(run, "SUCCESS");
    expect(commands).toMatchObject([{ type: "task.run", taskId: "b" }]);
    expect(run.states()).toEqual(["a:SUCCESS", "~made-by-a:SUCCESS", "b:RUNNING"]);
    const [dynamic] = run.dynamicRuns();
    expect(dynamic).toMatchObject({
      taskId: "made-by-a",
      parentTaskRunId: a,
      value: a,
      executionId: "e1",
      dynamic: true,
      outputs: { n: 1 },
      state: { current: "SUCCESS" },
    });
    // An id of the executor's, one attempt in its state, a single state.
    expect(dynamic?.id).not.toBe(a);
    expect(dynamic?.attempts?.map((attempt) => attempt.state.current)).toEqual(["SUCCESS"]);
    expect(dynamic?.state.histories).toHaveLength(1);
    run.send({ type: "task.ended", taskRunId: run.runIdOf("b"), state: "SUCCESS" });
    expect(run.execution().state.current).toBe("SUCCESS");
    expect(run.execution().taskRunList).toHaveLength(3);
  });

  it("are reported by each attempt of a failing task with a retry", () => {
    const run = start(`id: f
namespace: n
tasks:
  - id: a
    type: io.kestra.plugin.core.debug.Return
    format: a
    retry:
      type: constant
      interval: PT1S
      maxAttempts: 2
`);
    run.send({ type: "execution.start" });
    reportFromA(run, "FAILED");
    expect(run.execution().state.current).toBe("RETRYING");
    run.send({ type: "timer.fired", timerId: `retry:${run.runIdOf("a")}` });
    reportFromA(run, "FAILED");
    expect(run.states()).toEqual(["a:FAILED", "~made-by-a:FAILED", "~made-by-a:FAILED"]);
    expect(run.execution().state.current).toBe("FAILED");
  });

  it("are ignored, with a warning, when their parent is not in the execution", () => {
    const run = start(FLOW);
    run.send({ type: "execution.start" });
    const a = run.runIdOf("a");
    const result = step(
      run.state(),
      {
        type: "task.ended",
        taskRunId: a,
        state: "SUCCESS",
        dynamicTaskRuns: [{ taskId: "x", parentTaskRunId: "nowhere", state: "SUCCESS" }],
      },
      {
        now: run.now(),
        newId: run.newId,
        random: () => 0,
        index: run.index,
        render: (t, v) => engine.renderValue(t, v),
      },
    );
    expect(toExecution(result.state).taskRunList.some((r) => r.dynamic)).toBe(false);
    expect(result.logs).toMatchObject([{ level: "WARN", message: expect.stringContaining("nowhere") }]);
  });

  it("do not stop a kill: the running task is killed, a terminated dynamic run stays as it is", () => {
    const run = start(FLOW);
    run.send({ type: "execution.start" });
    reportFromA(run, "SUCCESS");
    const commands = run.send({ type: "execution.kill" });
    expect(commands).toEqual([{ type: "task.kill", taskRunId: run.runIdOf("b") }]);
    run.send({ type: "task.ended", taskRunId: run.runIdOf("b"), state: "KILLED" });
    expect(run.states()).toEqual(["a:SUCCESS", "~made-by-a:SUCCESS", "b:KILLED"]);
    expect(run.execution().state.current).toBe("KILLED");
  });

  it("restart: a failed dynamic run is RESTARTED as Kestra's mapTaskRun does, never run, and its parent runs again", () => {
    const run = start(FLOW);
    run.send({ type: "execution.start" });
    reportFromA(run, "FAILED");
    expect(run.execution().state.current).toBe("FAILED");
    const restarted = restart(run.execution(), run.index, { now: run.now() });
    expect(restarted.taskRunList.map((r) => `${r.dynamic ? "~" : ""}${r.taskId}:${r.state.current}`)).toEqual([
      "a:RESTARTED",
      "~made-by-a:RESTARTED",
    ]);
    run.load(restarted);
    const commands = run.send({ type: "execution.start" });
    expect(commands).toMatchObject([{ type: "task.run", taskId: "a", attemptNumber: 2 }]);
    reportFromA(run, "SUCCESS");
    run.send({ type: "task.ended", taskRunId: run.runIdOf("b"), state: "SUCCESS" });
    expect(run.states()).toEqual(["a:SUCCESS", "~made-by-a:RESTARTED", "~made-by-a:SUCCESS", "b:SUCCESS"]);
    expect(run.execution().state.current).toBe("SUCCESS");
  });

  it("kill after a restart: a dynamic run left RESTARTED is KILLED, and its parent is not touched", () => {
    const run = start(FLOW);
    run.send({ type: "execution.start" });
    reportFromA(run, "FAILED");
    run.load(restart(run.execution(), run.index, { now: run.now() }));
    run.send({ type: "execution.start" });
    const commands = run.send({ type: "execution.kill" });
    expect(commands).toEqual([{ type: "task.kill", taskRunId: run.runIdOf("a") }]);
    expect(run.states()).toEqual(["a:KILLING", "~made-by-a:KILLED"]);
    run.send({ type: "task.ended", taskRunId: run.runIdOf("a"), state: "KILLED" });
    expect(run.states()).toEqual(["a:KILLED", "~made-by-a:KILLED"]);
    expect(run.execution().state.current).toBe("KILLED");
  });

  it("replay keeps them before the replayed task run and drops them under it", () => {
    const run = start(FLOW);
    run.send({ type: "execution.start" });
    reportFromA(run, "SUCCESS");
    run.send({ type: "task.ended", taskRunId: run.runIdOf("b"), state: "SUCCESS" });
    const ids = sequentialIds("r");
    const fromB = replay(run.execution(), run.index, run.runIdOf("b"), { now: run.now(), newId: ids });
    expect(fromB.taskRunList.map((r) => `${r.dynamic ? "~" : ""}${r.taskId}:${r.state.current}`)).toEqual([
      "a:SUCCESS",
      "~made-by-a:SUCCESS",
      "b:RESTARTED",
    ]);
    const [a, dynamic] = fromB.taskRunList;
    expect(dynamic?.parentTaskRunId).toBe(a?.id);
    const fromA = replay(run.execution(), run.index, run.runIdOf("a"), { now: run.now(), newId: ids });
    expect(fromA.taskRunList.map((r) => `${r.taskId}:${r.state.current}`)).toEqual(["a:RESTARTED"]);
    // Replaying the dynamic run itself: it is RESTARTED with its parent, which runs again.
    const dynamicId = run.dynamicRuns()[0]?.id as string;
    const fromDynamic = replay(run.execution(), run.index, dynamicId, { now: run.now(), newId: ids });
    expect(fromDynamic.taskRunList.map((r) => `${r.dynamic ? "~" : ""}${r.taskId}:${r.state.current}`)).toEqual([
      "a:RESTARTED",
      "~made-by-a:RESTARTED",
    ]);
  });

  it("markAs on a dynamic run gives it the state without looking for its task", () => {
    const run = start(FLOW);
    run.send({ type: "execution.start" });
    reportFromA(run, "FAILED");
    const dynamicId = run.dynamicRuns()[0]?.id as string;
    const marked = markAs(run.state(), run.index, { taskRunId: dynamicId, state: "SUCCESS", now: run.now() });
    run.setState(marked);
    expect(run.states()).toEqual(["a:SUCCESS", "~made-by-a:SUCCESS"]);
    expect(run.execution().state.current).toBe("RESTARTED");
    expect(run.dynamicRuns()[0]?.attempts?.map((attempt) => attempt.state.current)).toEqual(["SUCCESS"]);
  });
});
