/**
 * step() driven by hand: events in, commands and states out, no host. Edge cases of the
 * flowables and of retries and kill.
 */
import { describe, expect, it } from "vitest";
import { stepDriver } from "../support/step-driver.js";

const start = (source: string) => stepDriver(source);

const RETURN = (id: string) =>
  `      - id: ${id}\n        type: io.kestra.plugin.core.debug.Return\n        format: ${id}\n`;

describe("step()", () => {
  it("ends an empty ForEach SUCCESS without children", () => {
    const run = start(
      `id: f\nnamespace: n\ntasks:\n  - id: each\n    type: io.kestra.plugin.core.flow.ForEach\n    values: []\n    tasks:\n${RETURN("r")}`,
    );
    const commands = run.send({ type: "execution.start" });
    expect(run.states()).toEqual(["each:SUCCESS"]);
    expect(commands).toEqual([{ type: "execution.ended", state: "SUCCESS" }]);
  });

  it("ends a flowable whose children are all disabled SUCCESS", () => {
    const run = start(
      `id: f\nnamespace: n\ntasks:\n  - id: seq\n    type: io.kestra.plugin.core.flow.Sequential\n    tasks:\n      - id: off\n        type: io.kestra.plugin.core.debug.Return\n        format: x\n        disabled: true\n`,
    );
    run.send({ type: "execution.start" });
    expect(run.states()).toEqual(["seq:SUCCESS"]);
    expect(run.execution().state.current).toBe("SUCCESS");
  });

  it("lets running Parallel siblings finish after a failure, then runs errors, and fails", () => {
    const run = start(
      `id: f\nnamespace: n\ntasks:\n  - id: par\n    type: io.kestra.plugin.core.flow.Parallel\n    tasks:\n${RETURN("a")}${RETURN("b")}    errors:\n${RETURN("handle")}`,
    );
    const first = run.send({ type: "execution.start" });
    expect(first.map((c) => c.type)).toEqual(["task.run", "task.run"]);
    run.send({ type: "task.ended", taskRunId: run.runIdOf("a"), state: "FAILED", error: "boom" });
    expect(run.states()).toEqual(["par:RUNNING", "a:FAILED", "b:RUNNING"]);
    const next = run.send({ type: "task.ended", taskRunId: run.runIdOf("b"), state: "SUCCESS" });
    expect(next).toMatchObject([{ type: "task.run", taskId: "handle" }]);
    const end = run.send({ type: "task.ended", taskRunId: run.runIdOf("handle"), state: "SUCCESS" });
    expect(run.states()).toEqual(["par:FAILED", "a:FAILED", "b:SUCCESS", "handle:SUCCESS"]);
    expect(end).toEqual([{ type: "execution.ended", state: "FAILED" }]);
  });

  it("keeps the flow FAILED when its errors branch fails too", () => {
    const run = start(
      `id: f\nnamespace: n\ntasks:\n${RETURN("a").replace(/^ {4}/gm, "")}errors:\n${RETURN("e").replace(/^ {4}/gm, "")}`,
    );
    run.send({ type: "execution.start" });
    run.send({ type: "task.ended", taskRunId: run.runIdOf("a"), state: "FAILED" });
    run.send({ type: "task.ended", taskRunId: run.runIdOf("e"), state: "FAILED" });
    expect(run.execution().state.current).toBe("FAILED");
  });

  it("retries after the interval, then succeeds with two attempts", () => {
    const run = start(
      `id: f\nnamespace: n\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.debug.Return\n    format: x\n    retry:\n      type: constant\n      interval: PT30S\n      maxAttempts: 3\n`,
    );
    run.send({ type: "execution.start" });
    const retry = run.send({ type: "task.ended", taskRunId: run.runIdOf("a"), state: "FAILED" });
    expect(retry).toEqual([
      { type: "timer.set", timerId: `retry:${run.runIdOf("a")}`, at: "2024-01-02T03:04:37.000Z" },
    ]);
    expect(run.execution().state.current).toBe("RETRYING");
    expect(run.send({ type: "timer.fired", timerId: `retry:${run.runIdOf("a")}` })).toMatchObject([
      { type: "task.run", attemptNumber: 2 },
    ]);
    run.send({ type: "task.ended", taskRunId: run.runIdOf("a"), state: "SUCCESS" });
    expect(run.execution().taskRunList[0]?.attempts?.map((a) => a.state.current)).toEqual(["FAILED", "SUCCESS"]);
    expect(run.execution().state.current).toBe("SUCCESS");
  });

  it("kills a task waiting for its retry, and the execution ends KILLED", () => {
    const run = start(
      `id: f\nnamespace: n\ntasks:\n  - id: a\n    type: io.kestra.plugin.core.debug.Return\n    format: x\n    retry:\n      type: constant\n      interval: PT30S\n      maxAttempts: 3\n`,
    );
    run.send({ type: "execution.start" });
    run.send({ type: "task.ended", taskRunId: run.runIdOf("a"), state: "FAILED" });
    const commands = run.send({ type: "execution.kill" });
    expect(run.states()).toEqual(["a:KILLED"]);
    expect(commands).toEqual([{ type: "execution.ended", state: "KILLED" }]);
    expect(run.send({ type: "timer.fired", timerId: `retry:${run.runIdOf("a")}` })).toEqual([]);
  });

  it("pauses the execution on a Pause and goes on after a manual resume with onResume values", () => {
    const run = start(
      `id: f\nnamespace: n\ntasks:\n  - id: wait\n    type: io.kestra.plugin.core.flow.Pause\n    onResume:\n      - id: ok\n        type: BOOLEAN\n${RETURN("after").replace(/^ {4}/gm, "")}`,
    );
    expect(run.send({ type: "execution.start" })).toEqual([]);
    expect(run.execution().state.current).toBe("PAUSED");
    expect(run.states()).toEqual(["wait:PAUSED"]);
    const commands = run.send({ type: "execution.resume", inputs: { ok: true } });
    expect(commands).toMatchObject([{ type: "timer.cancel" }, { type: "task.run", taskId: "after" }]);
    expect(run.execution().taskRunList[0]?.outputs).toMatchObject({
      onResume: { ok: true },
      resumed: { to: "RUNNING" },
    });
    run.send({ type: "task.ended", taskRunId: run.runIdOf("after"), state: "SUCCESS" });
    expect(run.execution().state.current).toBe("SUCCESS");
    expect(run.execution().taskRunList[0]?.state.histories.map((h) => h.state)).toEqual([
      "CREATED",
      "RUNNING",
      "PAUSED",
      "RUNNING",
      "SUCCESS",
    ]);
  });

  it("resumes a Pause with a pauseDuration on its timer", () => {
    const run = start(
      `id: f\nnamespace: n\ntasks:\n  - id: wait\n    type: io.kestra.plugin.core.flow.Pause\n    pauseDuration: PT5M\n`,
    );
    expect(run.send({ type: "execution.start" })).toEqual([
      { type: "timer.set", timerId: `resume:${run.runIdOf("wait")}`, at: "2024-01-02T03:09:06.000Z" },
    ]);
    expect(run.send({ type: "timer.fired", timerId: `resume:${run.runIdOf("wait")}` })).toEqual([
      { type: "execution.ended", state: "SUCCESS" },
    ]);
  });

  it("pauses a LoopUntil between iterations and resumes it with the next iteration", () => {
    const run = start(`id: f
namespace: n
tasks:
  - id: loop
    type: io.kestra.plugin.core.flow.LoopUntil
    condition: "{{ outputs.loop.iterationCount >= 2 }}"
    checkFrequency:
      interval: PT10S
    tasks:
${RETURN("r")}`);
    run.send({ type: "execution.start" });
    const pause = run.send({ type: "task.ended", taskRunId: run.runIdOf("r"), state: "SUCCESS" });
    const loopId = run.runIdOf("loop");
    expect(pause).toEqual([{ type: "timer.set", timerId: `resume:${loopId}`, at: "2024-01-02T03:04:17.000Z" }]);
    expect(run.execution().state.current).toBe("PAUSED");
    expect(run.execution().taskRunList[0]?.outputs).toEqual({ iterationCount: 2 });
    const resumed = run.send({ type: "timer.fired", timerId: `resume:${loopId}` });
    expect(resumed).toMatchObject([{ type: "task.run", taskId: "r" }]);
    const second = run.execution().taskRunList.filter((r) => r.taskId === "r");
    expect(second.map((r) => r.iteration)).toEqual([1, 2]);
    run.send({ type: "task.ended", taskRunId: second[1]?.id as string, state: "SUCCESS" });
    expect(run.execution().state.current).toBe("SUCCESS");
  });

  it("waits on a timer for Sleep, and a kill cancels it", () => {
    const run = start(
      `id: f\nnamespace: n\ntasks:\n  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT1H\n`,
    );
    const commands = run.send({ type: "execution.start" });
    expect(commands).toEqual([
      { type: "timer.set", timerId: `wait:${run.runIdOf("nap")}`, at: "2024-01-02T04:04:06.000Z" },
    ]);
    expect(run.send({ type: "execution.kill" })).toEqual([
      { type: "timer.cancel", timerId: `wait:${run.runIdOf("nap")}` },
      { type: "execution.ended", state: "KILLED" },
    ]);
  });

  it("fails a Sleep whose timeout comes before its end, as Kestra's worker does", () => {
    const run = start(
      `id: f\nnamespace: n\ntasks:\n  - id: nap\n    type: io.kestra.plugin.core.flow.Sleep\n    duration: PT1H\n    timeout: PT1.5S\n`,
    );
    const started = run.send({ type: "execution.start" });
    const id = run.runIdOf("nap");
    expect(started).toEqual([
      { type: "timer.set", timerId: `wait:${id}`, at: "2024-01-02T04:04:06.000Z" },
      { type: "timer.set", timerId: `timeout:${id}`, at: "2024-01-02T03:04:07.500Z" },
    ]);
    expect(run.send({ type: "timer.fired", timerId: `timeout:${id}` })).toEqual([
      { type: "timer.cancel", timerId: `wait:${id}` },
      { type: "execution.ended", state: "FAILED" },
    ]);
    expect(run.states()).toEqual(["nap:FAILED"]);
    expect(run.send({ type: "timer.fired", timerId: `wait:${id}` })).toEqual([]);
  });
});
