/**
 * A task run whose `task.run` was never answered (its host was evicted or crashed while the
 * task ran) runs again: its interrupted attempt ends RESUBMITTED, as Kestra marks a worker
 * task resubmitted after a worker died, and a new RUNNING attempt starts.
 */
import { type ExecState, updateTaskRun } from "../executor/exec-state.js";
import { newState, withState } from "../executor/model.js";

/** The state with the new attempt and its number; undefined when the task run is no longer RUNNING. */
export function resubmit(
  state: ExecState,
  taskRunId: string,
  now: string,
): { readonly state: ExecState; readonly attemptNumber: number } | undefined {
  const run = state.runs.get(taskRunId);
  if (run?.state.current !== "RUNNING") return undefined;
  const attempts = (run.attempts ?? []).map((attempt, i, all) =>
    i === all.length - 1 ? { ...attempt, state: withState(attempt.state, "RESUBMITTED", now) } : attempt,
  );
  attempts.push({ state: newState("RUNNING", now) });
  return { state: updateTaskRun(state, { ...run, attempts }), attemptNumber: attempts.length };
}
