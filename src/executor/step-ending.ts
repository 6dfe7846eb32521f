/**
 * When an execution ends, for the Stepper (src/executor/step.ts): after-execution tasks and
 * listeners, flow SLAs, and retries that create a new execution.
 */

import { javaDurationOfMillis } from "../inputs/java-time.js";
import { parseDurationMs } from "../util/duration.js";
import { messageOf } from "../util/errors.js";
import { isAfterGroup, listenerConditionsHold, nextAfterTask } from "./after-execution.js";
import { groupOfRun, ROOT, setExecutionState, taskRun, updateTaskRun } from "./exec-state.js";
import { taskOf } from "./flow-index.js";
import { renderDeep } from "./flowable.js";
import { isTerminated, type TaskRun, withState } from "./model.js";
import type { ExecutorEvent } from "./protocol.js";
import { nextExecutionDate, type retryFor } from "./retry.js";
import { containsAll, type Sla, type Violation, violation } from "./sla.js";
import type { Stepper } from "./step.js";
import { NEW_EXECUTION_TIMER, SLA_TIMER, truthy } from "./step-support.js";

export const executionEnd = {
  // ---- when the execution ends: after-execution tasks, SLAs, new executions ------------------

  /** True when a task run belongs to the after-execution phase (a listener's or afterExecution's task, or inside one). */
  inAfterPhase(this: Stepper, run: TaskRun): boolean {
    let top = run;
    while (top.parentTaskRunId !== undefined) top = taskRun(this.state, top.parentTaskRunId);
    return isAfterGroup(groupOfRun(this.state, top.id));
  },

  /** The terminated execution's next after-execution task, once the previous one ended. */
  resolveAfter(this: Stepper): void {
    const next = nextAfterTask(this.state, this.deps.index, this.validListeners());
    if (next) this.create([next], undefined);
  },

  /**
   * The listeners whose conditions hold for the terminated execution (Kestra's
   * findValidListeners), evaluated once per terminal state and kept in the memo.
   */
  validListeners(this: Stepper): readonly number[] {
    const listeners = this.deps.index.flow.listeners ?? [];
    if (listeners.length === 0) return [];
    const execution = this.state.execution;
    const key = `listeners.valid:${execution.state.histories.length}`;
    const known = this.state.memo.get(key) as number[] | undefined;
    if (known) return known;
    const variables = this.variables(undefined);
    const render = (template: unknown) => renderDeep(template, (t) => this.deps.render(t, variables));
    const valid: number[] = [];
    for (const [i, listener] of listeners.entries()) {
      const result = listenerConditionsHold(listener.conditions, execution.state.current, render);
      if (result.problem !== undefined) this.log(undefined, "WARN", `Listener ${i} is not run: ${result.problem}`);
      if (result.valid) valid.push(i);
    }
    this.state.memo.set(key, valid);
    return valid;
  },

  slas(this: Stepper, type: Sla["type"]): readonly [number, Sla][] {
    const all = (this.deps.index.flow.sla ?? []) as unknown as readonly Sla[];
    return [...all.entries()].filter(([, sla]) => sla.type === type);
  },

  /** SLAs on every change of a live execution: MAX_DURATION timers at creation, then the assertions. */
  beforeEvent(this: Stepper, event: ExecutorEvent): void {
    if (this.deps.index.flow.sla === undefined) return;
    const execution = this.state.execution;
    if (event.type === "execution.start" && execution.state.current === "CREATED") {
      const start = Date.parse(execution.state.histories[0]?.date ?? this.deps.now);
      for (const [i, sla] of this.slas("MAX_DURATION")) {
        try {
          const ms = parseDurationMs(String(this.deps.render(sla.duration, this.variables(undefined))));
          const at = new Date(start + ms).toISOString();
          this.commands.push({ type: "timer.set", timerId: `${SLA_TIMER}${i}`, at });
        } catch (error) {
          this.log(undefined, "ERROR", `Ignoring SLA '${sla.id}' because of the error: ${messageOf(error)}`);
        }
      }
    }
    this.checkAssertions();
  },

  /**
   * EXECUTION_ASSERTION SLAs of a live execution: violated when `assert` does not render
   * truthy; only the first violation acts. True when it terminated the execution.
   */
  checkAssertions(this: Stepper): boolean {
    const assertions = this.slas("EXECUTION_ASSERTION");
    if (assertions.length === 0 || isTerminated(this.state.execution.state.current)) return false;
    const variables = this.variables(undefined);
    const violations: Violation[] = [];
    for (const [, sla] of assertions) {
      try {
        if (!truthy(this.deps.render(sla.assert, variables))) {
          violations.push(violation(sla, `assertion is false: ${String(sla.assert)}.`));
        }
      } catch (error) {
        this.log(undefined, "ERROR", `Ignoring SLA '${sla.id}' because of the error: ${messageOf(error)}`);
      }
    }
    const [first] = violations;
    return first !== undefined && this.violated(first);
  },

  /** A MAX_DURATION deadline passed while the execution still runs (the timer fires at the deadline). */
  maxDurationReached(this: Stepper, index: number): void {
    const sla = ((this.deps.index.flow.sla ?? []) as unknown as readonly Sla[])[index];
    const execution = this.state.execution;
    if (!sla || isTerminated(execution.state.current)) return;
    const start = Date.parse(execution.state.histories[0]?.date ?? this.deps.now);
    const elapsed = javaDurationOfMillis(Date.parse(this.deps.now) - start);
    let limit: string;
    try {
      limit = javaDurationOfMillis(parseDurationMs(String(this.deps.render(sla.duration, this.variables(undefined)))));
    } catch {
      limit = String(sla.duration);
    }
    this.violated(violation(sla, `execution duration of ${elapsed} exceed the maximum duration of ${limit}.`));
  },

  /**
   * Kestra's processViolation: FAIL or CANCEL give that state to the last task run not
   * terminated and to the execution, and stop the task runs still going (no kill cascade to
   * child executions); NONE changes no state. The SLA's labels are added in every case when
   * some are missing. Logged only when the violation changes something. True when the
   * execution is now terminated.
   */
  violated(this: Stepper, found: Violation): boolean {
    const state = found.behavior === "FAIL" ? "FAILED" : found.behavior === "CANCEL" ? "CANCELLED" : undefined;
    const labels = found.labels.length > 0 && !containsAll(this.state.execution.labels, found.labels);
    if (state === undefined && !labels) return false;
    this.log(undefined, "WARN", `SLA '${found.slaId}' violated: ${found.reason}`);
    if (labels) {
      const execution = this.state.execution;
      this.state = { ...this.state, execution: { ...execution, labels: [...execution.labels, ...found.labels] } };
    }
    if (state === undefined) return false;
    if (state === "FAILED") {
      this.log(undefined, "ERROR", `Execution failed due to SLA '${found.slaId}' violated: ${found.reason}`);
    }
    let last: string | undefined;
    for (const id of this.state.order) if (!isTerminated(taskRun(this.state, id).state.current)) last = id;
    if (last !== undefined) {
      const run = taskRun(this.state, last);
      const plugin = taskOf(this.deps.index, run)?.plugin;
      const runsOnHost = plugin?.category === "task" && plugin.kind === "runnable" && plugin.waitsFor === undefined;
      if (run.state.current === "RUNNING" && runsOnHost) this.commands.push({ type: "task.kill", taskRunId: last });
      this.finish(run, state);
    }
    this.killForExit(last ?? "");
    this.state = setExecutionState(this.state, state, this.deps.now);
    this.commands.push({ type: "execution.ended", state });
    this.dirty.clear(); // nothing of the execution resolves next...
    this.dirty.add(ROOT); // ...but the after-execution tasks
    return true;
  },

  /**
   * Retry `behavior: CREATE_NEW_EXECUTION` (Kestra's handleChildWorkerTaskResult and
   * markWithTaskRunAs(RETRIED, markParents)): the failed task run, its parents and the
   * execution are marked RETRIED (terminal), and at the retry date the host creates the next
   * execution (`execution.retry`). False when no new execution is due: the task fails.
   */
  retryAsNewExecution(
    this: Stepper,
    run: TaskRun,
    retry: NonNullable<ReturnType<typeof retryFor>>,
    outputs: Readonly<Record<string, unknown>> | undefined,
  ): boolean {
    const at = nextExecutionDate(retry, this.state.execution, this.deps.now, this.deps.random());
    if (at === undefined) return false;
    const attempts = (run.attempts ?? []).map((attempt, i, all) =>
      i === all.length - 1 ? { ...attempt, state: withState(attempt.state, "FAILED", this.deps.now) } : attempt,
    );
    const failed = withState(run.state, "FAILED", this.deps.now);
    this.state = updateTaskRun(this.state, {
      ...run,
      attempts,
      outputs: outputs ?? run.outputs ?? null,
      state: withState(failed, "RETRIED", this.deps.now),
    });
    for (let id = run.parentTaskRunId; id !== undefined; id = taskRun(this.state, id).parentTaskRunId) {
      this.setState(id, "RETRIED");
    }
    this.state = setExecutionState(this.state, "RETRIED", this.deps.now);
    this.commands.push({ type: "execution.ended", state: "RETRIED" });
    // Set after execution.ended, which drops the execution's timers.
    this.commands.push({ type: "timer.set", timerId: `${NEW_EXECUTION_TIMER}${run.id}`, at });
    this.dirty.clear();
    this.dirty.add(ROOT);
    return true;
  },

  newExecutionDue(this: Stepper): void {
    if (this.state.execution.state.current === "RETRIED") this.commands.push({ type: "execution.retry" });
  },
};

export type ExecutionEnd = typeof executionEnd;
