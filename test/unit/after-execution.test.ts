/**
 * What acts when an execution ends, through step() by hand and on the local host:
 * afterExecution tasks, the deprecated listeners, flow SLAs, and retries that create a new
 * execution.
 */
import { describe, expect, it } from "vitest";
import { restart } from "../../src/executor/actions.js";
import { createEngine } from "../../src/expression/index.js";
import type { Flow } from "../../src/flow/index.js";
import { flowOf, localHost } from "../support/flows.js";
import { stepDriver } from "../support/step-driver.js";

const _engine = createEngine();

const parse = (source: string): Flow => flowOf(source);

const start = (source: string, inputs: Record<string, unknown> = {}) => stepDriver(source, { inputs });

const task = (id: string, indent = "  ") =>
  `${indent}- id: ${id}\n${indent}  type: io.kestra.plugin.core.debug.Return\n${indent}  format: "{{ execution.state }}"\n`;

describe("afterExecution", () => {
  it("runs its tasks one after another once the execution ended, without changing its state", () => {
    const run = start(`id: f\nnamespace: n\ntasks:\n${task("a")}afterExecution:\n${task("x")}${task("y")}`);
    run.send({ type: "execution.start" });
    const ended = run.end("a", "FAILED");
    // The execution ends first (parents, triggers), then the first afterExecution task runs.
    expect(ended).toMatchObject([
      { type: "execution.ended", state: "FAILED" },
      { type: "task.run", taskId: "x" },
    ]);
    expect(run.execution().state.current).toBe("FAILED");
    // A failure there does not stop the next one, and changes nothing.
    expect(run.end("x", "FAILED")).toMatchObject([{ type: "task.run", taskId: "y" }]);
    expect(run.end("y")).toEqual([]);
    expect(run.states()).toEqual(["a:FAILED", "x:FAILED", "y:SUCCESS"]);
    expect(run.execution().state.current).toBe("FAILED");
    expect(run.execution().state.histories.map((h) => h.state)).toEqual(["CREATED", "RUNNING", "FAILED"]);
  });

  it("sees the final state in execution.state, so runIf can pick tasks by state", () => {
    const flow = `id: f\nnamespace: n\ntasks:\n${task("a")}afterExecution:
  - id: on-failure
    type: io.kestra.plugin.core.debug.Return
    format: x
    runIf: "{{ execution.state == 'FAILED' }}"
  - id: on-success
    type: io.kestra.plugin.core.debug.Return
    format: x
    runIf: "{{ execution.state == 'SUCCESS' }}"
`;
    const run = start(flow);
    run.send({ type: "execution.start" });
    expect(run.end("a")).toMatchObject([
      { type: "execution.ended", state: "SUCCESS" },
      { type: "task.run", taskId: "on-success" },
    ]);
    expect(run.states()).toEqual(["a:SUCCESS", "on-failure:SKIPPED", "on-success:RUNNING"]);
    run.end("on-success");
    expect(run.execution().state.current).toBe("SUCCESS");
  });

  it("runs flowables there too, and runs after an Exit", () => {
    const flow = `id: f\nnamespace: n\ntasks:
  - id: stop
    type: io.kestra.plugin.core.execution.Exit
    state: WARNING
afterExecution:
  - id: seq
    type: io.kestra.plugin.core.flow.Sequential
    tasks:
${task("inner", "      ")}`;
    const run = start(flow);
    run.send({ type: "execution.start" });
    const commands = run.send({
      type: "task.ended",
      taskRunId: run.runIdOf("stop"),
      state: "SUCCESS",
      exit: "WARNING",
    });
    expect(commands).toMatchObject([
      { type: "execution.ended", state: "WARNING" },
      { type: "task.run", taskId: "inner" },
    ]);
    run.end("inner");
    expect(run.states()).toEqual(["stop:WARNING", "seq:SUCCESS", "inner:SUCCESS"]);
    expect(run.execution().state.current).toBe("WARNING");
  });

  it("is dropped by a restart, to run again when the restarted execution ends", () => {
    const run = start(`id: f\nnamespace: n\ntasks:\n${task("a")}afterExecution:\n${task("x")}`);
    run.send({ type: "execution.start" });
    run.end("a", "FAILED");
    run.end("x");
    const restarted = restart(run.execution(), run.index, { now: "2024-01-02T04:00:00.000Z" });
    expect(restarted.taskRunList.map((r) => `${r.taskId}:${r.state.current}`)).toEqual(["a:RESTARTED"]);
  });
});

describe("listeners (deprecated)", () => {
  const flow = `id: f\nnamespace: n\ntasks:\n${task("a")}listeners:
  - conditions:
      - type: io.kestra.plugin.core.condition.ExecutionStatus
        in: [FAILED]
    tasks:
${task("on-failure", "      ")}  - conditions:
      - type: io.kestra.plugin.core.condition.ExecutionStatus
        notIn: [FAILED]
    tasks:
${task("first", "      ")}${task("second", "      ")}  - tasks:
${task("always", "      ")}afterExecution:
${task("after")}`;

  it("runs the tasks of the listeners whose conditions hold, in order, then afterExecution", () => {
    const run = start(flow);
    run.send({ type: "execution.start" });
    expect(run.end("a")).toMatchObject([{ type: "execution.ended" }, { type: "task.run", taskId: "first" }]);
    // A failing listener task does not stop the others, nor change the execution.
    expect(run.end("first", "FAILED")).toMatchObject([{ type: "task.run", taskId: "second" }]);
    expect(run.end("second")).toMatchObject([{ type: "task.run", taskId: "always" }]);
    expect(run.end("always")).toMatchObject([{ type: "task.run", taskId: "after" }]);
    expect(run.end("after")).toEqual([]);
    expect(run.states()).toEqual(["a:SUCCESS", "first:FAILED", "second:SUCCESS", "always:SUCCESS", "after:SUCCESS"]);
    expect(run.execution().state.current).toBe("SUCCESS");
    expect(run.execution().taskRunList[1]?.outputs).toBeNull();
  });

  it("picks the listeners by the final state", () => {
    const run = start(flow);
    run.send({ type: "execution.start" });
    run.end("a", "FAILED");
    run.end("on-failure", "SUCCESS", { value: "FAILED" });
    run.end("always");
    run.end("after");
    expect(run.states()).toEqual(["a:FAILED", "on-failure:SUCCESS", "always:SUCCESS", "after:SUCCESS"]);
  });

  it("skips a listener whose condition Tern cannot evaluate, and says so", () => {
    const run = start(`id: f\nnamespace: n\ntasks:\n${task("a")}listeners:
  - conditions:
      - type: io.kestra.plugin.core.condition.Weekend
    tasks:
${task("l", "      ")}`);
    run.send({ type: "execution.start" });
    expect(run.end("a")).toEqual([{ type: "execution.ended", state: "SUCCESS" }]);
    expect(run.logs()).toContain(
      "WARN Listener 0 is not run: Tern cannot evaluate the listener condition io.kestra.plugin.core.condition.Weekend yet",
    );
  });
});

describe("SLA", () => {
  it("MAX_DURATION: a timer from the start; past it the last running task and the execution FAIL", () => {
    const run = start(`id: f\nnamespace: n
sla:
  - id: quick
    type: MAX_DURATION
    behavior: FAIL
    duration: PT10S
    labels:
      sla: missed
tasks:
  - id: nap
    type: io.kestra.plugin.core.flow.Sleep
    duration: PT1M
`);
    expect(run.send({ type: "execution.start" })).toEqual([
      // From the execution's start (its creation), not from this step.
      { type: "timer.set", timerId: "sla:0", at: "2024-01-02T03:04:15.000Z" },
      { type: "timer.set", timerId: `wait:${run.runIdOf("nap")}`, at: "2024-01-02T03:05:06.000Z" },
    ]);
    const commands = run.send({ type: "timer.fired", timerId: "sla:0" }, 9000);
    expect(commands).toEqual([{ type: "execution.ended", state: "FAILED" }]);
    expect(run.states()).toEqual(["nap:FAILED"]);
    expect(run.execution().state.current).toBe("FAILED");
    expect(run.execution().labels).toContainEqual({ key: "sla", value: "missed" });
    expect(run.logs()).toEqual([
      "WARN SLA 'quick' violated: execution duration of PT10S exceed the maximum duration of PT10S.",
      "ERROR Execution failed due to SLA 'quick' violated: execution duration of PT10S exceed the maximum duration of PT10S.",
    ]);
  });

  it("MAX_DURATION CANCEL stops the other running tasks, and an ended execution ignores the timer", () => {
    const flow = `id: f\nnamespace: n
sla:
  - id: quick
    type: MAX_DURATION
    behavior: CANCEL
    duration: PT5S
tasks:
  - id: par
    type: io.kestra.plugin.core.flow.Parallel
    tasks:
${task("a", "      ")}${task("b", "      ")}`;
    const run = start(flow);
    run.send({ type: "execution.start" });
    const commands = run.send({ type: "timer.fired", timerId: "sla:0" });
    expect(commands).toEqual([
      { type: "task.kill", taskRunId: run.runIdOf("b") },
      { type: "task.kill", taskRunId: run.runIdOf("a") },
      { type: "execution.ended", state: "CANCELLED" },
    ]);
    expect(run.execution().state.current).toBe("CANCELLED");
    // The killed task reports back: recorded, nothing else happens.
    expect(run.send({ type: "task.ended", taskRunId: run.runIdOf("a"), state: "KILLED" })).toEqual([]);
    expect(run.states()).toEqual(["par:KILLED", "a:KILLED", "b:CANCELLED"]);

    const ok = start(flow);
    ok.send({ type: "execution.start" });
    ok.end("a");
    ok.end("b");
    expect(ok.execution().state.current).toBe("SUCCESS");
    expect(ok.send({ type: "timer.fired", timerId: "sla:0" })).toEqual([]);
    expect(ok.execution().state.current).toBe("SUCCESS");
  });

  it("EXECUTION_ASSERTION is checked on every change: CANCEL at once, NONE only adds its labels", () => {
    const flow = `id: f\nnamespace: n
inputs:
  - id: mode
    type: STRING
sla:
  - id: cancel
    type: EXECUTION_ASSERTION
    behavior: CANCEL
    assert: "{{ inputs.mode != 'CANCEL' }}"
  - id: label
    type: EXECUTION_ASSERTION
    behavior: NONE
    assert: "{{ inputs.mode != 'LABEL' }}"
    labels:
      sla: violated
tasks:
${task("a")}`;
    const cancelled = start(flow, { mode: "CANCEL" });
    expect(cancelled.send({ type: "execution.start" })).toEqual([{ type: "execution.ended", state: "CANCELLED" }]);
    expect(cancelled.execution().state.histories.map((h) => h.state)).toEqual(["CREATED", "CANCELLED"]);
    expect(cancelled.states()).toEqual([]);

    const labelled = start(flow, { mode: "LABEL" });
    labelled.send({ type: "execution.start" });
    expect(labelled.logs()).toContain("WARN SLA 'label' violated: assertion is false: {{ inputs.mode != 'LABEL' }}.");
    labelled.end("a");
    expect(labelled.execution().state.current).toBe("SUCCESS");
    expect(labelled.execution().labels.filter((l) => l.key === "sla")).toEqual([{ key: "sla", value: "violated" }]);
  });

  it("EXECUTION_ASSERTION is checked before the execution ends, on its last outputs", () => {
    const run = start(`id: f\nnamespace: n
sla:
  - id: check
    type: EXECUTION_ASSERTION
    behavior: FAIL
    assert: "{{ outputs.a.value == 'fine' }}"
tasks:
  - id: a
    type: io.kestra.plugin.core.debug.Return
    format: x
`);
    run.send({ type: "execution.start" });
    // Before `a` ran, the assertion cannot be rendered: Kestra ignores the SLA then.
    expect(run.logs().some((line) => line.startsWith("ERROR Ignoring SLA 'check' because of the error:"))).toBe(true);
    expect(run.end("a", "SUCCESS", { value: "bad" })).toEqual([{ type: "execution.ended", state: "FAILED" }]);
    expect(run.states()).toEqual(["a:SUCCESS"]);
    expect(run.logs()).not.toContain("INFO Flow completed with state FAILED");
  });
});

describe("retry behavior CREATE_NEW_EXECUTION", () => {
  const flow = `id: f\nnamespace: n
tasks:
  - id: seq
    type: io.kestra.plugin.core.flow.Sequential
    tasks:
      - id: a
        type: io.kestra.plugin.core.debug.Return
        format: x
        retry:
          behavior: CREATE_NEW_EXECUTION
          type: constant
          interval: PT30S
          maxAttempts: 2
`;

  it("marks the failed task run, its parents and the execution RETRIED, and asks for the next execution when due", () => {
    const run = start(flow);
    run.send({ type: "execution.start" });
    const commands = run.end("a", "FAILED");
    expect(commands).toEqual([
      { type: "execution.ended", state: "RETRIED" },
      { type: "timer.set", timerId: `new-execution:${run.runIdOf("a")}`, at: "2024-01-02T03:04:37.000Z" },
    ]);
    expect(run.states()).toEqual(["seq:RETRIED", "a:RETRIED"]);
    const a = run.execution().taskRunList[1];
    expect(a?.state.histories.map((h) => h.state)).toEqual(["CREATED", "RUNNING", "FAILED", "RETRIED"]);
    expect(a?.attempts?.map((attempt) => attempt.state.current)).toEqual(["FAILED"]);
    expect(run.send({ type: "timer.fired", timerId: `new-execution:${run.runIdOf("a")}` })).toEqual([
      { type: "execution.retry" },
    ]);
  });

  it("runs new executions on the host until maxAttempts counts the executions", async () => {
    const host = localHost();
    const id = host.start(
      parse(`id: g\nnamespace: n
retry:
  behavior: CREATE_NEW_EXECUTION
  type: constant
  interval: PT1S
  maxAttempts: 3
tasks:
  - id: fail
    type: io.kestra.plugin.core.execution.Fail
`),
    );
    await host.settle();
    const executions = host.executions();
    expect(executions.map((e) => e.state.current)).toEqual(["RETRIED", "RETRIED", "FAILED"]);
    expect(executions.map((e) => e.metadata.attemptNumber)).toEqual([1, 2, 3]);
    expect(executions.map((e) => e.originalId)).toEqual([id, id, id]);
    expect(executions.map((e) => e.parentId)).toEqual([undefined, executions[0]?.id, executions[1]?.id]);
    expect(new Set(executions.map((e) => e.metadata.originalCreatedDate)).size).toBe(1);
  });
});
