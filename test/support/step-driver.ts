/**
 * step() driven by hand, without a host: events in, commands out. The clock starts at
 * 2024-01-02T03:04:05.000Z and moves one second per event unless told otherwise; task runs
 * get ids `t1`, `t2`...; the execution is `e1`.
 */
import { registry } from "../../plugins/index.js";
import { createExecState, type ExecState, toExecution } from "../../src/executor/exec-state.js";
import { indexFlow } from "../../src/executor/flow-index.js";
import type { Execution } from "../../src/executor/model.js";
import { newExecution } from "../../src/executor/new-execution.js";
import type { ExecutorCommand, ExecutorEvent, LogLine } from "../../src/executor/protocol.js";
import { type StepDeps, step } from "../../src/executor/step.js";
import { createEngine } from "../../src/expression/index.js";
import type { Flow } from "../../src/flow/index.js";
import { sequentialIds } from "../../src/util/ids.js";
import { flowOf } from "./flows.js";

const engine = createEngine();

export interface DriverOptions {
  readonly inputs?: Readonly<Record<string, unknown>>;
  /** How far the clock moves before each event, in milliseconds (1000 by default). */
  readonly tick?: number;
}

export function stepDriver(source: string | Flow, options: DriverOptions = {}) {
  const flow = typeof source === "string" ? flowOf(source) : source;
  const index = indexFlow(flow, registry);
  const ids = sequentialIds("t");
  let now = Date.parse("2024-01-02T03:04:05.000Z");
  const deps = (): StepDeps => ({
    now: new Date(now).toISOString(),
    newId: ids,
    random: () => 0,
    index,
    render: (template, variables) => engine.renderValue(template, variables),
  });
  let state: ExecState = createExecState(
    newExecution({ id: "e1", flow, now: deps().now, ...(options.inputs ? { inputs: options.inputs } : {}) }),
  );
  let logs: LogLine[] = [];
  const runs = () => toExecution(state).taskRunList;
  const send = (event: ExecutorEvent, advanceMs = options.tick ?? 1000): ExecutorCommand[] => {
    now += advanceMs;
    const result = step(state, event, deps());
    state = result.state;
    logs = [...result.logs];
    return [...result.commands];
  };
  const runIdOf = (taskId: string) => runs().find((r) => r.taskId === taskId && !r.dynamic)?.id as string;
  return {
    index,
    newId: ids,
    send,
    runIdOf,
    now: () => deps().now,
    /** The log lines of the last step, as `LEVEL message`. */
    logs: () => logs.map((line) => `${line.level} ${line.message}`),
    /** The log lines of the last step. */
    logLines: () => logs,
    execution: () => toExecution(state),
    state: () => state,
    setState: (next: ExecState) => {
      state = next;
    },
    /** Replaces the state by an execution an action returned, as a host does. */
    load: (execution: Execution) => {
      state = createExecState(execution, (run) => index.task(run.taskId).group);
    },
    /** `task[value]:STATE` for each task run, in order (`~` marks a dynamic one). */
    states: () =>
      runs().map((r) => `${r.dynamic ? "~" : ""}${r.taskId}${r.value ? `[${r.value}]` : ""}:${r.state.current}`),
    /** Ends a runnable task run of this task. */
    end: (taskId: string, ended: "SUCCESS" | "FAILED" = "SUCCESS", outputs?: Record<string, unknown>) =>
      send({ type: "task.ended", taskRunId: runIdOf(taskId), state: ended, ...(outputs ? { outputs } : {}) }),
  };
}

export type StepDriver = ReturnType<typeof stepDriver>;
