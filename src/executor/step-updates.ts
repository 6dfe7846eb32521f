/**
 * Tasks that change the execution itself, for the Stepper (src/executor/step.ts): Labels
 * (the execution's labels) and Exit (the execution ends at once).
 */
import { ROOT, setExecutionState, taskRun } from "./exec-state.js";
import { taskOf } from "./flow-index.js";
import { isTerminated, type StateType, type TaskRun } from "./model.js";
import type { ExecutorEvent } from "./protocol.js";
import type { Stepper } from "./step.js";
import { RESUME_TIMER, RETRY_TIMER, WAIT_TIMER } from "./step-support.js";

export const executionUpdates = {
  // ---- tasks that change the execution (Labels, Exit) -------------------------------------

  /** Labels: a key already on the execution takes the new value in place, a new key is appended. */
  setLabels(this: Stepper, labels: readonly { readonly key: string; readonly value: string }[]): void {
    const updates = new Map(labels.map((label) => [label.key, label.value]));
    const next: { readonly key: string; readonly value: string }[] = [];
    const replaced = new Set<string>();
    for (const label of this.state.execution.labels) {
      const value = updates.get(label.key);
      if (value === undefined) next.push(label);
      else if (!replaced.has(label.key)) {
        replaced.add(label.key);
        next.push({ key: label.key, value });
      }
    }
    for (const [key, value] of updates) if (!replaced.has(key)) next.push({ key, value });
    this.state = { ...this.state, execution: { ...this.state.execution, labels: next } };
  },

  /**
   * Exit, as Kestra 1.x's Exit.update(): the execution takes `state` at once, without the
   * usual end (no flow outputs, no errors or finally branch, no "Flow completed" line), and
   * the Exit run ends in it. KILLED stops every running task (no kill cascade to child
   * executions) and kills the parents of each killed run. Any other state goes to the last
   * task run not terminated (Kestra's findLastNotTerminated: the Exit run itself unless a
   * later one still runs) and its parents; other running task runs are left alone.
   */
  exit(this: Stepper, run: TaskRun, state: NonNullable<Extract<ExecutorEvent, { type: "task.ended" }>["exit"]>): void {
    if (state === "KILLED") {
      this.killForExit(run.id);
      this.finish(run, state);
      this.endParents(taskRun(this.state, run.id), state);
    } else {
      let last = run.id;
      for (const id of this.state.order) if (!isTerminated(taskRun(this.state, id).state.current)) last = id;
      if (last !== run.id) this.setState(last, state);
      this.endParents(taskRun(this.state, last), state);
      this.finish(run, state);
    }
    this.state = setExecutionState(this.state, state, this.deps.now);
    this.commands.push({ type: "execution.ended", state });
    this.dirty.clear(); // the execution is over: nothing resolves next...
    this.dirty.add(ROOT); // ...but the after-execution tasks
  },

  /** Exit KILLED: every task run still going is stopped and KILLED, and so are its parents. */
  killForExit(this: Stepper, exitId: string): void {
    for (const id of this.state.order) {
      const run = taskRun(this.state, id);
      if (id === exitId || isTerminated(run.state.current)) continue;
      const plugin = taskOf(this.deps.index, run)?.plugin;
      if (plugin === undefined) {
        // A dynamic task run: nothing runs it, and its parent goes on as it is.
        this.finish(run, "KILLED");
        continue;
      }
      if (run.state.current === "PAUSED") {
        this.commands.push({ type: "timer.cancel", timerId: `${RESUME_TIMER}${id}` });
      } else if (run.state.current === "RETRYING") {
        this.commands.push({ type: "timer.cancel", timerId: `${RETRY_TIMER}${id}` });
      } else if (run.state.current === "CREATED") {
        // never started
      } else if (plugin.category !== "task" || plugin.kind !== "runnable") {
        continue; // a flowable ends with its children; a Subflow's child execution is not killed
      } else if (plugin.waitsFor !== undefined) {
        this.commands.push({ type: "timer.cancel", timerId: `${WAIT_TIMER}${id}` });
      } else {
        this.commands.push({ type: "task.kill", taskRunId: id });
      }
      this.finish(run, "KILLED");
      this.endParents(taskRun(this.state, id), "KILLED");
    }
  },

  /** Gives `state` to every ancestor of a task run (Exit). */
  endParents(this: Stepper, run: TaskRun, state: StateType): void {
    for (let id = run.parentTaskRunId; id !== undefined; id = taskRun(this.state, id).parentTaskRunId) {
      if (taskRun(this.state, id).state.current !== state) this.setState(id, state);
    }
  },

  /** A task run that ends after an Exit ended the execution: recorded, and nothing runs next. */
  endedAfterExit(this: Stepper, run: TaskRun, event: Extract<ExecutorEvent, { type: "task.ended" }>): void {
    this.finish(run, event.state, event.outputs ?? run.outputs ?? null);
    this.dirty.clear();
  },
};

export type ExecutionUpdates = typeof executionUpdates;
