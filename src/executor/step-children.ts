/**
 * Child executions of the Stepper (src/executor/step.ts): Subflow and ForEachItem batches started,
 * counted and ended, with retries and allowFailure applied to the task run that started them.
 */
import type { Task } from "../flow/model.js";
import { taskPath } from "../storage/internal.js";
import { messageOf } from "../util/errors.js";
import { taskRun, updateTaskRun } from "./exec-state.js";
import { type ChildExecutionRequest, type ExecutableBehaviour, flowableContext, LookupNeeded } from "./flowable.js";
import { isTerminated, type Label, type StateType, type TaskRun } from "./model.js";
import type { ExecutorEvent } from "./protocol.js";
import type { Stepper } from "./step.js";
import { CORRELATION_ID, count, TRANSMITTED, withExtra } from "./step-support.js";

export const childExecutions = {
  // ---- child executions (Subflow, ForEachItem) ------------------------------------------------

  /**
   * Asks the host for the child executions of an executable task run, each with the
   * correlation id, the inherited labels and the task's labels. One child (Subflow) reports
   * its end directly; several (ForEachItem batches) are counted in `iterations`.
   */
  startChildren(this: Stepper, run: TaskRun, task: Task, behaviour: ExecutableBehaviour): void {
    let children: readonly ChildExecutionRequest[];
    try {
      children = behaviour.childExecutions(
        flowableContext(this.state, this.deps.index, run, (template, extra) =>
          this.deps.render(template, withExtra(this.variables(run), extra)),
        ),
      );
    } catch (error) {
      if (error instanceof LookupNeeded) {
        this.lookup(run.id, error.request);
        return;
      }
      this.log(run, "ERROR", messageOf(error));
      this.finish(run, "FAILED");
      return;
    }
    const batches = children.some((child) => child.iteration !== undefined);
    if (batches) {
      const wait = children[0]?.wait !== false;
      const iterations = wait ? { CREATED: children.length, RUNNING: 0 } : { RUNNING: 0 };
      this.state = updateTaskRun(this.state, {
        ...run,
        outputs: { ...(run.outputs ?? {}), numberOfBatches: children.length, iterations },
      });
      if (children.length === 0) {
        this.finish(taskRun(this.state, run.id), "SUCCESS");
        return;
      }
    }
    const execution = this.state.execution;
    const correlation = execution.labels.find((l) => l.key === CORRELATION_ID)?.value ?? execution.id;
    for (const child of children) {
      const labels = new Map<string, Label>([[CORRELATION_ID, { key: CORRELATION_ID, value: correlation }]]);
      if (child.inheritLabels)
        for (const label of execution.labels) if (!labels.has(label.key)) labels.set(label.key, label);
      for (const label of child.labels) labels.set(label.key, label);
      this.commands.push({
        type: "subflow.start",
        taskRunId: run.id,
        namespace: child.namespace,
        flowId: child.flowId,
        ...(child.revision !== undefined ? { revision: child.revision } : {}),
        inputs: child.inputs,
        labels: [...labels.values()],
        trigger: {
          id: task.id,
          type: task.type,
          variables: {
            executionId: execution.id,
            namespace: execution.namespace,
            flowId: execution.flowId,
            flowRevision: execution.flowRevision,
          },
        },
        wait: child.wait,
        ...(child.scheduleDate !== undefined ? { scheduleDate: child.scheduleDate } : {}),
        ...(child.outputs !== undefined ? { outputs: child.outputs } : {}),
        ...(child.iteration !== undefined ? { iteration: child.iteration } : {}),
      });
    }
  },

  subflowStarted(this: Stepper, event: Extract<ExecutorEvent, { type: "subflow.started" }>): void {
    const run = this.state.runs.get(event.taskRunId);
    if (!run || isTerminated(run.state.current)) return;
    const { task } = this.deps.index.task(run.taskId);
    if (event.iteration !== undefined) {
      // A batch of a ForEachItem: without wait, a created child counts as done.
      const wait = task.wait !== false;
      const iterations = count(run.outputs?.iterations, wait ? "CREATED" : undefined, wait ? "RUNNING" : "SUCCESS");
      this.state = updateTaskRun(this.state, { ...run, outputs: { ...(run.outputs ?? {}), iterations } });
      if (!wait) this.batchesDone(taskRun(this.state, run.id), task);
      return;
    }
    const outputs = { ...(run.outputs ?? {}), executionId: event.executionId };
    if (task.wait === false) {
      this.finish(run, "SUCCESS", outputs);
      return;
    }
    this.state = updateTaskRun(this.state, { ...run, outputs });
    // Killed while the child was being created: the kill goes on to the child.
    if (run.state.current === "KILLING") this.commands.push({ type: "subflow.kill", taskRunId: run.id });
  },

  /** A child execution ended: the task run takes its outputs and, with transmitFailed, its failure. */
  subflowEnded(this: Stepper, event: Extract<ExecutorEvent, { type: "subflow.ended" }>): void {
    const run = this.state.runs.get(event.taskRunId);
    if (!run || isTerminated(run.state.current)) return;
    const { task } = this.deps.index.task(run.taskId);
    if (event.error) this.log(run, "ERROR", event.error);
    if (event.iteration !== undefined) {
      const from = event.executionId === undefined ? (task.wait === false ? undefined : "CREATED") : "RUNNING";
      const to = event.error ? "FAILED" : event.state;
      const iterations = count(run.outputs?.iterations, task.wait === false ? undefined : from, to);
      this.state = updateTaskRun(this.state, { ...run, outputs: { ...(run.outputs ?? {}), iterations } });
      this.batchesDone(taskRun(this.state, run.id), task);
      return;
    }
    const outputs: Record<string, unknown> = {
      ...(event.executionId ? { executionId: event.executionId } : {}),
      ...(event.executionId ? { state: event.state } : {}),
      ...(event.outputs ? { outputs: event.outputs } : {}),
    };
    let state: StateType = "SUCCESS";
    if (event.error) state = "FAILED";
    else if (run.state.current === "KILLING") state = "KILLED";
    else if (task.transmitFailed !== false && TRANSMITTED.has(event.state)) state = event.state;
    this.attemptEnded(run, task, state, outputs);
  },

  /**
   * Once every batch is done (counted in `iterations`): FAILED if one failed, else KILLED,
   * else WARNING, else SUCCESS; SUCCESS whatever happened without transmitFailed.
   */
  batchesDone(this: Stepper, run: TaskRun, task: Task): void {
    const iterations = (run.outputs?.iterations ?? {}) as Record<string, number>;
    const total = Number(run.outputs?.numberOfBatches ?? 0);
    const done = Object.entries(iterations)
      .filter(([state]) => isTerminated(state as StateType))
      .reduce((sum, [, n]) => sum + n, 0);
    if (done < total) return;
    let state: StateType = "SUCCESS";
    if (run.state.current === "KILLING" || (iterations.KILLED ?? 0) > 0) state = "KILLED";
    if ((iterations.FAILED ?? 0) > 0) state = "FAILED";
    else if (state !== "KILLED" && (iterations.WARNING ?? 0) > 0) state = "WARNING";
    if (task.transmitFailed === false && run.state.current !== "KILLING") state = "SUCCESS";
    // Where the batches wrote their outputs, for `_merge` (Kestra's subflowOutputsBaseUri).
    const subflowOutputsBaseUri = taskPath(this.state.execution, run.taskId, run.id);
    this.attemptEnded(run, task, state, { ...(run.outputs ?? {}), subflowOutputsBaseUri });
  },
};

export type ChildExecutions = typeof childExecutions;
