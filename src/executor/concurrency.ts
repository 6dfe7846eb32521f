/**
 * A flow's `concurrency` (limit, behavior): the decision, kept apart from whoever counts.
 *
 * Kestra gates an execution when it is about to start: a new one (CREATED), or one restarted
 * after a failure (1.x `State.failedThenRestarted()`; a resume after PAUSED is not gated). The
 * count is the number of executions of the same flow (namespace and id, any revision) that hold
 * a slot: admitted and not yet terminated, so PAUSED ones hold theirs (0.21 counted RUNNING and
 * PAUSED executions in the repository; 1.x keeps a counter, incremented on admission and
 * decremented on a terminal state). The limit and behavior are read from the latest revision.
 * At or above the limit (`ExecutorService.processExecutionRunning`, 0.21 `checkConcurrencyLimit`):
 * QUEUE parks the execution QUEUED (INFO "Execution is queued due to concurrency limit exceeded,
 * N running(s)"), CANCEL ends it CANCELLED with no log, FAIL ends it FAILED with the ERROR
 * "Execution is FAILED due to concurrency limit exceeded". None of the three holds a slot, and
 * none goes through the usual end (no "Flow completed" line). When an execution holding a slot
 * terminates, the oldest queued execution of the flow starts (QUEUED → RUNNING); a queued
 * execution that is killed leaves the queue without freeing anything.
 *
 * The host does the counting (the local host in memory, a Durable Object with a counter); the
 * functions here decide, and `limit`/`unqueue` are the state changes step() makes.
 */
import { type ExecState, setExecutionState } from "./exec-state.js";
import type { StateType } from "./model.js";
import type { ExecutorCommand, ExecutorEvent, LogLine } from "./protocol.js";

export interface Concurrency {
  readonly limit: number;
  readonly behavior: "QUEUE" | "CANCEL" | "FAIL";
}

/** The counter's key: executions of every revision of a flow share it. */
export function concurrencyKey(execution: { readonly namespace: string; readonly flowId: string }): string {
  return `${execution.namespace}/${execution.flowId}`;
}

/**
 * Whether an execution about to start goes through the gate: a new one, or one restarted after
 * it FAILED. A resumed (PAUSED → RESTARTED) execution kept its slot and is not gated again.
 */
export function isGated(state: { readonly current: StateType; readonly histories: readonly { state: StateType }[] }) {
  if (state.current === "CREATED") return true;
  return state.current === "RESTARTED" && state.histories.at(-2)?.state === "FAILED";
}

/**
 * What happens to an execution at the gate when `running` executions of its flow hold a slot:
 * undefined when it may start (and then holds a slot), else the event that parks or ends it.
 */
export function admit(
  concurrency: Concurrency | undefined,
  running: number,
): Extract<ExecutorEvent, { type: "execution.limited" }> | undefined {
  if (!concurrency || running < concurrency.limit) return undefined;
  return { type: "execution.limited", behavior: concurrency.behavior, running };
}

/** How many queued executions may start now that `running` executions hold a slot (QUEUE only). */
export function freeSlots(concurrency: Concurrency | undefined, running: number): number {
  if (concurrency?.behavior !== "QUEUE") return 0;
  return Math.max(0, concurrency.limit - running);
}

export const QUEUED_MESSAGE = (running: number) =>
  `Execution is queued due to concurrency limit exceeded, ${running} running(s)`;
export const FAILED_MESSAGE = "Execution is FAILED due to concurrency limit exceeded";

export interface Change {
  readonly state: ExecState;
  readonly logs: readonly LogLine[];
  readonly commands: readonly ExecutorCommand[];
}

/** The limit was reached: QUEUED, CANCELLED or FAILED, from CREATED (or RESTARTED after a failure). */
export function limit(
  state: ExecState,
  event: Extract<ExecutorEvent, { type: "execution.limited" }>,
  now: string,
): Change {
  if (!isGated(state.execution.state)) return { state, logs: [], commands: [] };
  switch (event.behavior) {
    case "QUEUE":
      return {
        state: setExecutionState(state, "QUEUED", now),
        logs: [{ level: "INFO", message: QUEUED_MESSAGE(event.running), timestamp: now }],
        commands: [],
      };
    case "CANCEL":
      return {
        state: setExecutionState(state, "CANCELLED", now),
        logs: [],
        commands: [{ type: "execution.ended", state: "CANCELLED" }],
      };
    case "FAIL":
      return {
        state: setExecutionState(state, "FAILED", now),
        logs: [{ level: "ERROR", message: FAILED_MESSAGE, timestamp: now }],
        commands: [{ type: "execution.ended", state: "FAILED" }],
      };
  }
}

/** A queued execution that is killed ends KILLED at once: it has nothing running. */
export function killQueued(state: ExecState, now: string): Change {
  return {
    state: setExecutionState(state, "KILLED", now),
    logs: [],
    commands: [{ type: "execution.ended", state: "KILLED" }],
  };
}
