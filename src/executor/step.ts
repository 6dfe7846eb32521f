/**
 * step(state, event, deps): the executor as a pure, synchronous state machine. An event
 * comes in; the task runs it affects change; every flowable whose children changed (and
 * only those) is asked what comes next, until nothing changes; the new state and the
 * commands for the host come out. Time, ids and randomness arrive in `deps`.
 */
import { toJson } from "../expression/values.js";
import type { Flow, Task } from "../flow/model.js";
import { taskPath } from "../storage/internal.js";
import { parseDurationMs } from "../util/duration.js";
import { firstPaused, resume } from "./actions.js";
import { isAfterGroup, listenerConditionsHold, nextAfterTask } from "./after-execution.js";
import { type Change, killQueued, limit } from "./concurrency.js";
import {
  addTaskRun,
  childIds,
  DYNAMIC,
  type ExecState,
  groupOfRun,
  ROOT,
  setExecutionState,
  taskRun,
  updateTaskRun,
} from "./exec-state.js";
import { type FlowIndex, taskOf } from "./flow-index.js";
import {
  type ChildExecutionRequest,
  type ExecutableBehaviour,
  type FlowableContext,
  flowableContext,
  isExecutable,
  LookupNeeded,
  type LookupRequest,
  lookupKey,
  type Resolution,
  renderDeep,
  resolveSequential,
  type TaskBehaviour,
} from "./flowable.js";
import { isCreated, isTerminated, type Label, newState, type StateType, type TaskRun, withState } from "./model.js";
import type { DirectoryCache, DynamicTaskRun, ExecutorCommand, ExecutorEvent, LogLine } from "./protocol.js";
import { nextExecutionDate, nextRetryDate, retryFor } from "./retry.js";
import { containsAll, javaDuration, type Sla, type Violation, violation } from "./sla.js";
import { type HostVariables, runVariables } from "./variables.js";

export interface StepDeps {
  /** The instant of this step (ISO). */
  readonly now: string;
  /** A new unique id (Kestra's base62 ids in production, counters in tests). */
  readonly newId: () => string;
  /** A number in [0, 1) for random retry intervals. */
  readonly random: () => number;
  readonly index: FlowIndex;
  /** What the host adds to the variables (envs, globals) and the key that decrypts outputs. */
  readonly host?: HostVariables;
  /** Synchronous typed rendering of a template against variables. */
  readonly render: (template: unknown, variables: Readonly<Record<string, unknown>>) => unknown;
}

export interface StepResult {
  readonly state: ExecState;
  readonly commands: readonly ExecutorCommand[];
  readonly logs: readonly LogLine[];
}

export function step(state: ExecState, event: ExecutorEvent, deps: StepDeps): StepResult {
  const stepper = new Stepper(state, deps);
  stepper.handle(event);
  stepper.drain();
  return { state: stepper.state, commands: stepper.commands, logs: stepper.logs };
}

const RETRY_TIMER = "retry:";
const PAUSE_TYPE = "io.kestra.plugin.core.flow.Pause";
/** The state a Pause's `behavior` resumes it to (Kestra's Pause.Behavior). */
const PAUSE_BEHAVIORS: Readonly<Record<string, StateType>> = {
  RESUME: "RUNNING",
  WARN: "WARNING",
  FAIL: "FAILED",
  CANCEL: "CANCELLED",
  TIMEOUT: "FAILED",
};
const TIMEOUT_TIMER = "timeout:";
const SCHEDULE_TIMER = "schedule";
const WAIT_TIMER = "wait:";
const RESUME_TIMER = "resume:";
/** A MAX_DURATION SLA's deadline: `sla:<index in the flow's sla list>`. */
const SLA_TIMER = "sla:";
/** When the next execution of a CREATE_NEW_EXECUTION retry is due. */
const NEW_EXECUTION_TIMER = "new-execution:";

class Stepper {
  readonly commands: ExecutorCommand[] = [];
  readonly logs: LogLine[] = [];
  /** Flowable task runs (or ROOT, the flow itself) whose children changed. */
  private readonly dirty = new Set<string>();

  constructor(
    public state: ExecState,
    private readonly deps: StepDeps,
  ) {}

  handle(event: ExecutorEvent): void {
    this.beforeEvent(event);
    switch (event.type) {
      case "execution.start":
        if (this.state.execution.state.current === "RESTARTED") this.restarted();
        if (this.state.execution.state.current !== "CREATED") return;
        if (this.scheduledLater()) return;
        this.state = setExecutionState(this.state, "RUNNING", this.deps.now);
        this.dirty.add(ROOT);
        return;
      case "execution.limited":
        this.apply(limit(this.state, event, this.deps.now));
        return;
      case "execution.unqueued":
        // Started like a restart: a new execution resolves its first tasks, a restarted one its restarted runs.
        if (this.state.execution.state.current === "QUEUED") this.restarted();
        return;
      case "subflow.started":
        this.subflowStarted(event);
        return;
      case "lookup.done":
        this.lookupDone(event);
        return;
      case "directory.closed":
        this.directoryClosed(event);
        return;
      case "subflow.ended":
        this.subflowEnded(event);
        return;
      case "task.ended":
        this.taskEnded(event);
        return;
      case "timer.fired":
        if (event.timerId === SCHEDULE_TIMER) this.handle({ type: "execution.start" });
        if (event.timerId.startsWith(RETRY_TIMER)) this.retryNow(event.timerId.slice(RETRY_TIMER.length));
        if (event.timerId.startsWith(WAIT_TIMER)) this.waited(event.timerId.slice(WAIT_TIMER.length));
        if (event.timerId.startsWith(TIMEOUT_TIMER)) this.timedOut(event.timerId.slice(TIMEOUT_TIMER.length));
        if (event.timerId.startsWith(RESUME_TIMER)) this.pauseElapsed(event.timerId.slice(RESUME_TIMER.length));
        if (event.timerId.startsWith(SLA_TIMER)) this.maxDurationReached(Number(event.timerId.slice(SLA_TIMER.length)));
        if (event.timerId.startsWith(NEW_EXECUTION_TIMER)) this.newExecutionDue();
        return;
      case "execution.resume":
        if (this.state.execution.state.current !== "PAUSED") return;
        this.cancelResumeTimer();
        this.state = resume(this.state, this.deps.index, {
          now: this.deps.now,
          ...(event.state ? { state: event.state } : {}),
          ...(event.inputs ? { onResume: event.inputs } : {}),
        });
        if (this.state.execution.state.current === "RESTARTED") this.restarted();
        return;
      case "execution.kill":
        this.kill();
        return;
      default:
        return;
    }
  }

  /** Takes a change computed outside (concurrency.ts): its state, logs and commands. */
  private apply(change: Change): void {
    this.state = change.state;
    this.logs.push(...change.logs);
    this.commands.push(...change.commands);
  }

  /** Resolves every changed flowable until nothing changes. */
  drain(): void {
    while (this.dirty.size > 0) {
      const [id] = this.dirty;
      if (id === undefined) break;
      this.dirty.delete(id);
      if (id === ROOT) this.resolveRoot();
      else this.resolveFlowable(id);
    }
  }

  private log(run: TaskRun | undefined, level: LogLine["level"], message: string): void {
    this.logs.push({
      ...(run ? { taskRunId: run.id, taskId: run.taskId, attemptNumber: Math.max(1, run.attempts?.length ?? 1) } : {}),
      level,
      message,
      timestamp: this.deps.now,
    });
  }

  /** An execution created with a `scheduleDate` still ahead stays CREATED until a timer at that date. */
  private scheduledLater(): boolean {
    const scheduleDate = this.state.execution.scheduleDate;
    if (scheduleDate === undefined || Date.parse(scheduleDate) <= Date.parse(this.deps.now)) return false;
    this.commands.push({
      type: "timer.set",
      timerId: SCHEDULE_TIMER,
      at: new Date(Date.parse(scheduleDate)).toISOString(),
    });
    return true;
  }

  /** How a flowable or executable task resolves (from its plugin, internal ones included). */
  private behaviour(taskId: string): TaskBehaviour | undefined {
    const { plugin } = this.deps.index.task(taskId);
    return plugin.category === "task" && plugin.kind === "flowable" ? plugin.behaviour : undefined;
  }

  private markParentDirty(run: TaskRun): void {
    // No flowable resolves dynamic task runs: their end wakes nothing.
    if (!run.dynamic) this.dirty.add(run.parentTaskRunId ?? ROOT);
  }

  private variables(run: TaskRun | undefined): Record<string, unknown> {
    const type = run ? taskOf(this.deps.index, run)?.task.type : undefined;
    return runVariables(this.state, this.deps.index.flow, run, type, this.deps.host);
  }

  // ---- task runs -------------------------------------------------------------------

  private create(specs: Resolution["next"], parent: TaskRun | undefined): void {
    for (const spec of specs) {
      const run: TaskRun = {
        id: this.deps.newId(),
        executionId: this.state.execution.id,
        namespace: this.state.execution.namespace,
        flowId: this.state.execution.flowId,
        taskId: spec.task.id,
        ...(parent ? { parentTaskRunId: parent.id } : {}),
        ...(spec.value !== undefined ? { value: spec.value } : {}),
        ...(spec.iteration !== undefined ? { iteration: spec.iteration } : {}),
        outputs: null,
        state: newState("CREATED", this.deps.now),
      };
      this.state = addTaskRun(this.state, run, spec.group);
      this.dispatch(run, spec.task);
    }
  }

  /** Starts a CREATED task run: runIf, then run it (runnable) or resolve its children (flowable). */
  private dispatch(run: TaskRun, task: Task): void {
    if (this.state.execution.state.current === "KILLING") {
      this.finish(run, "KILLED");
      return;
    }
    if (task.runIf !== undefined) {
      let go: boolean;
      try {
        go = truthy(this.deps.render(task.runIf, this.variables(run)));
      } catch (error) {
        const text = message(error);
        const where = text.includes(String(task.runIf)) ? "" : ` (in \`${String(task.runIf)}\`)`;
        this.log(run, "ERROR", `Unable to evaluate runIf: ${text}${where}`);
        this.finish(run, "FAILED");
        return;
      }
      if (!go) {
        this.finish(run, "SKIPPED");
        return;
      }
    }
    const { plugin } = this.deps.index.task(task.id);
    if (plugin.category === "task" && plugin.kind === "flowable") {
      const behaviour = this.behaviour(task.id);
      if (behaviour && isExecutable(behaviour)) {
        const child = run.outputs?.executionId;
        const retryChild = run.state.current === "RESTARTED" && typeof child === "string";
        this.startAttempt(run.id);
        if (retryChild && task.restartBehavior !== "NEW_EXECUTION") {
          // Kestra 0.21+ (restartBehavior RETRY_FAILED): the child execution restarts from its failed tasks.
          this.commands.push({ type: "subflow.restart", taskRunId: run.id, executionId: child });
          return;
        }
        this.startChildren(taskRun(this.state, run.id), task, behaviour);
        return;
      }
      this.setState(run.id, "RUNNING");
      this.dirty.add(run.id);
      return;
    }
    this.startAttempt(run.id);
    if (plugin.category === "task" && plugin.kind === "runnable" && plugin.waitsFor !== undefined) {
      this.wait(run, task, plugin.waitsFor);
      return;
    }
    const started = taskRun(this.state, run.id);
    const timeout = task.timeout === undefined ? undefined : this.timeoutMs(run, task.timeout);
    if (timeout === null) return;
    this.commands.push({
      type: "task.run",
      taskRunId: run.id,
      taskId: run.taskId,
      taskType: task.type,
      attemptNumber: started.attempts?.length ?? 1,
      ...(timeout === undefined ? {} : { timeoutMs: timeout }),
      ...this.sharedDirectory(run),
    });
  }

  /** `{workingDirectory}` for a task of a WorkingDirectory's `tasks`, which share its directory. */
  private sharedDirectory(run: TaskRun): { workingDirectory?: string } {
    const parentId = run.parentTaskRunId;
    if (parentId === undefined || groupOfRun(this.state, run.id) !== "tasks") return {};
    const parent = taskRun(this.state, parentId);
    const behaviour = this.behaviour(parent.taskId);
    return behaviour && !isExecutable(behaviour) && behaviour.workingDirectory ? { workingDirectory: parentId } : {};
  }

  /** The task's timeout in ms (rendered when it is an expression); null when it cannot be read (the run failed). */
  private timeoutMs(run: TaskRun, timeout: string): number | null {
    try {
      return parseDurationMs(String(this.deps.render(timeout, this.variables(run))));
    } catch (error) {
      this.log(run, "ERROR", `Invalid timeout: ${message(error)}`);
      this.finish(taskRun(this.state, run.id), "FAILED");
      return null;
    }
  }

  /** A task that only waits (Sleep): a timer, never a blocking run. */
  private wait(run: TaskRun, task: Task, property: string): void {
    let ms: number;
    try {
      ms = parseDurationMs(String(this.deps.render(task[property], this.variables(run))));
    } catch (error) {
      this.log(run, "ERROR", `Invalid ${property}: ${message(error)}`);
      this.finish(taskRun(this.state, run.id), "FAILED");
      return;
    }
    const at = new Date(Date.parse(this.deps.now) + Math.max(0, ms)).toISOString();
    this.commands.push({ type: "timer.set", timerId: `${WAIT_TIMER}${run.id}`, at });
    if (task.timeout !== undefined) {
      // A wait is a timer, so its timeout is one too.
      const timeout = this.timeoutMs(run, task.timeout);
      if (timeout === null) return;
      const limit = new Date(Date.parse(this.deps.now) + Math.max(0, timeout)).toISOString();
      this.commands.push({ type: "timer.set", timerId: `${TIMEOUT_TIMER}${run.id}`, at: limit });
    }
  }

  /** A waiting task's timeout came first: it fails as Kestra's worker fails a task that timed out. */
  private timedOut(id: string): void {
    const run = this.state.runs.get(id);
    if (run?.state.current !== "RUNNING") return;
    const { task } = this.deps.index.task(run.taskId);
    const timeout = task.timeout === undefined ? 0 : this.timeoutMs(run, task.timeout);
    if (timeout === null) return;
    this.commands.push({ type: "timer.cancel", timerId: `${WAIT_TIMER}${run.id}` });
    const text = timeoutMessage(timeout);
    this.taskEnded({
      type: "task.ended",
      taskRunId: id,
      state: "FAILED",
      error: text,
      // Kestra logs the exception's message, then its stack trace as a second line.
      logs: [
        {
          taskRunId: id,
          taskId: run.taskId,
          attemptNumber: run.attempts?.length ?? 1,
          level: "ERROR",
          message: `io.kestra.core.exceptions.TimeoutExceededException: ${text}`,
          timestamp: this.deps.now,
        },
      ],
    });
  }

  private waited(id: string): void {
    const run = this.state.runs.get(id);
    if (run && run.state.current === "RUNNING") this.finish(run, "SUCCESS");
  }

  private startAttempt(id: string): void {
    const run = taskRun(this.state, id);
    const attempt = { state: newState("RUNNING", this.deps.now) };
    this.state = updateTaskRun(this.state, {
      ...run,
      state: withState(run.state, "RUNNING", this.deps.now),
      attempts: [...(run.attempts ?? []), attempt],
    });
  }

  private setState(id: string, current: StateType): TaskRun {
    const run = taskRun(this.state, id);
    const next = { ...run, state: withState(run.state, current, this.deps.now) };
    this.state = updateTaskRun(this.state, next);
    return next;
  }

  /** Ends a task run in a terminal state and wakes its parent. */
  private finish(run: TaskRun, current: StateType, outputs?: Readonly<Record<string, unknown>> | null): void {
    const latest = taskRun(this.state, run.id);
    const attempts = latest.attempts?.map((attempt, i, all) =>
      i === all.length - 1 ? { ...attempt, state: withState(attempt.state, current, this.deps.now) } : attempt,
    );
    const next: TaskRun = {
      ...latest,
      ...(attempts ? { attempts } : {}),
      ...(outputs !== undefined ? { outputs } : {}),
      state: withState(latest.state, current, this.deps.now),
    };
    this.state = updateTaskRun(this.state, next);
    this.markParentDirty(next);
  }

  private taskEnded(event: Extract<ExecutorEvent, { type: "task.ended" }>): void {
    const run = taskRun(this.state, event.taskRunId);
    if (isTerminated(run.state.current) || run.dynamic) return; // a duplicate report after a replay
    for (const line of event.logs ?? []) this.logs.push(line);
    for (const reported of event.dynamicTaskRuns ?? []) this.addDynamic(run, reported);
    if (event.error) this.log(run, "ERROR", event.error);
    const after = isTerminated(this.state.execution.state.current);
    if (after && !this.inAfterPhase(run)) {
      this.endedAfterExit(run, event);
      return;
    }
    if (event.labels) this.setLabels(event.labels);
    // An Exit among the after-execution tasks cannot change a terminated execution.
    if (event.exit !== undefined && !after && this.state.execution.state.current !== "KILLING") {
      this.exit(run, event.exit);
      return;
    }
    const { task } = this.deps.index.task(run.taskId);
    let state: StateType = event.state;
    if (state === "FAILED" && this.retryLater(run, task, event.outputs)) return;
    const retried = (run.attempts?.length ?? 0) > 1;
    if (state === "SUCCESS" && retried && retryFor(this.deps.index, run.taskId)?.warningOnRetry) state = "WARNING";
    if (state === "FAILED" && task.allowFailure) state = "WARNING";
    if (state === "WARNING" && task.allowWarning) state = "SUCCESS";
    this.finish(run, state, event.outputs ?? run.outputs ?? null);
  }

  /**
   * A task run the task created while it ran (Kestra's ExecutorService.addDynamicTaskRun):
   * added as reported, before the reporting task run ends, with an id from the executor,
   * `dynamic: true` and one attempt in its state, in the DYNAMIC group of its parent.
   * Each attempt of a retried task adds its own.
   */
  private addDynamic(reporter: TaskRun, reported: DynamicTaskRun): void {
    const parentId = reported.parentTaskRunId ?? reporter.id;
    if (!this.state.runs.has(parentId)) {
      this.log(
        reporter,
        "WARN",
        `Dynamic task run ${reported.taskId} ignored: no task run ${parentId} in the execution`,
      );
      return;
    }
    const run: TaskRun = {
      id: this.deps.newId(),
      executionId: this.state.execution.id,
      namespace: this.state.execution.namespace,
      flowId: this.state.execution.flowId,
      taskId: reported.taskId,
      parentTaskRunId: parentId,
      ...(reported.value !== undefined ? { value: reported.value } : {}),
      attempts: [{ state: newState(reported.state, this.deps.now) }],
      outputs: reported.outputs ?? null,
      state: newState(reported.state, this.deps.now),
      dynamic: true,
    };
    this.state = addTaskRun(this.state, run, DYNAMIC);
  }

  /** Schedules another attempt when the task's retry allows one; true when it does. */
  private retryLater(run: TaskRun, task: Task, outputs: Readonly<Record<string, unknown>> | undefined): boolean {
    const retry = retryFor(this.deps.index, task.id);
    if (!retry) return false;
    const terminated = isTerminated(this.state.execution.state.current);
    if (retry.behavior === "CREATE_NEW_EXECUTION") return !terminated && this.retryAsNewExecution(run, retry, outputs);
    const at = nextRetryDate(retry, run, this.deps.now, this.deps.random());
    if (at === undefined) return false;
    const attempts = (run.attempts ?? []).map((attempt, i, all) =>
      i === all.length - 1 ? { ...attempt, state: withState(attempt.state, "FAILED", this.deps.now) } : attempt,
    );
    const failed = { ...run, attempts, outputs: outputs ?? run.outputs ?? null };
    const retrying = {
      ...failed,
      state: withState(withState(failed.state, "FAILED", this.deps.now), "RETRYING", this.deps.now),
    };
    this.state = updateTaskRun(this.state, retrying);
    // An after-execution task retries without touching the terminated execution.
    if (!terminated) this.state = setExecutionState(this.state, "RETRYING", this.deps.now);
    this.commands.push({ type: "timer.set", timerId: `${RETRY_TIMER}${run.id}`, at });
    return true;
  }

  private retryNow(id: string): void {
    const run = this.state.runs.get(id);
    if (run?.state.current !== "RETRYING") return;
    this.setState(id, "CREATED");
    if (this.state.execution.state.current === "RETRYING") {
      this.state = setExecutionState(this.state, "RUNNING", this.deps.now);
    }
    this.dispatch(taskRun(this.state, id), this.deps.index.task(run.taskId).task);
  }

  // ---- flowables and the flow ----------------------------------------------------------

  private resolveFlowable(id: string): void {
    const run = taskRun(this.state, id);
    if (run.dynamic) return; // nothing to resolve: its task is not in the flow
    // Once the execution is terminated, only the after-execution tasks go on.
    if (isTerminated(this.state.execution.state.current) && !this.inAfterPhase(run)) return;
    if (run.state.current === "KILLING") {
      // A flowable resumed to KILLING: KILLED once its started children are done.
      const children = childIds(this.state, id);
      if (children.every((child) => isTerminated(taskRun(this.state, child).state.current))) this.finish(run, "KILLED");
      return;
    }
    if (run.state.current !== "RUNNING") return;
    const { task } = this.deps.index.task(run.taskId);
    const behaviour = this.behaviour(task.id);
    if (behaviour && isExecutable(behaviour)) return; // its child executions report back
    if (!behaviour) {
      this.log(run, "ERROR", `Tern cannot run ${task.type} yet`);
      this.finish(run, "FAILED");
      return;
    }
    const context = flowableContext(this.state, this.deps.index, run, (template, extra) =>
      this.deps.render(template, withExtra(this.variables(run), extra)),
    );
    let resolution: Resolution;
    let outputs: Readonly<Record<string, unknown>> | undefined;
    try {
      resolution = behaviour.resolve(context);
      outputs = behaviour.outputs?.(context);
    } catch (error) {
      if (error instanceof LookupNeeded) {
        this.lookup(id, error.request);
        return;
      }
      this.log(run, "ERROR", message(error));
      this.finish(run, "FAILED");
      return;
    }
    if (resolution.outputs !== undefined) outputs = resolution.outputs;
    if (outputs !== undefined && run.outputs !== outputs) {
      this.state = updateTaskRun(this.state, { ...taskRun(this.state, id), outputs });
    }
    if (resolution.pauseFor !== undefined) {
      this.pause(taskRun(this.state, id), resolution.pauseFor);
      return;
    }
    if (behaviour.workingDirectory && !this.directoryReady(taskRun(this.state, id), task, context, resolution)) return;
    this.create(resolution.next, taskRun(this.state, id));
    if (resolution.state !== undefined) {
      let final = resolution.state;
      if (final === "FAILED" && task.allowFailure) final = "WARNING";
      if (final === "WARNING" && task.allowWarning) final = "SUCCESS";
      this.finish(taskRun(this.state, id), final);
    }
  }

  /** A flowable pauses the execution; a timer resumes it unless it waits for a manual resume. */
  private pause(run: TaskRun, ms: number): void {
    this.setState(run.id, "PAUSED");
    this.state = setExecutionState(this.state, "PAUSED", this.deps.now);
    if (Number.isFinite(ms)) {
      const at = new Date(Date.parse(this.deps.now) + Math.max(0, ms)).toISOString();
      this.commands.push({ type: "timer.set", timerId: `${RESUME_TIMER}${run.id}`, at });
    }
  }

  /**
   * A pause's timer fired. A Pause's `timeout` (without pauseDuration) fails it; its
   * pauseDuration applies its `behavior` (Kestra 1.x): RESUME goes on, WARN goes on and ends
   * the Pause in WARNING, FAIL fails it, CANCEL cancels the execution. Other pauses go on.
   */
  private pauseElapsed(id: string): void {
    const run = this.state.runs.get(id);
    if (run?.state.current !== "PAUSED") return;
    const { task } = this.deps.index.task(run.taskId);
    if (task.type !== PAUSE_TYPE) {
      this.resume(id);
      return;
    }
    let behavior = "RESUME";
    if (task.pauseDuration === undefined) behavior = "TIMEOUT";
    else {
      try {
        behavior = String(this.deps.render(task.behavior ?? "RESUME", this.variables(run)));
      } catch (error) {
        this.log(run, "ERROR", `Unable to render behavior: ${message(error)}`);
        behavior = "FAIL";
      }
    }
    const to = PAUSE_BEHAVIORS[behavior] ?? "RUNNING";
    const outputs = { ...(run.outputs ?? {}), resumed: { on: this.deps.now, to } };
    this.state = updateTaskRun(this.state, { ...run, outputs });
    if (behavior === "RESUME" || behavior === "WARN") {
      this.resume(id);
      return;
    }
    if (this.state.execution.state.current === "PAUSED") {
      this.state = setExecutionState(this.state, "RUNNING", this.deps.now);
    }
    if (behavior === "CANCEL") {
      this.exit(taskRun(this.state, id), "CANCELLED");
      return;
    }
    if (behavior === "TIMEOUT") this.log(run, "ERROR", timeoutMessage(this.pauseTimeoutMs(run, task)));
    this.finish(taskRun(this.state, id), "FAILED");
  }

  private pauseTimeoutMs(run: TaskRun, task: Task): number {
    return (task.timeout === undefined ? null : this.timeoutMs(run, task.timeout)) ?? 0;
  }

  private resume(id: string, inputs?: Readonly<Record<string, unknown>>): void {
    const run = this.state.runs.get(id);
    if (run?.state.current !== "PAUSED") return;
    const outputs = inputs ? { ...(run.outputs ?? {}), onResume: inputs } : (run.outputs ?? null);
    this.state = updateTaskRun(this.state, { ...run, outputs, state: withState(run.state, "RUNNING", this.deps.now) });
    if (this.state.execution.state.current === "PAUSED") {
      this.state = setExecutionState(this.state, "RUNNING", this.deps.now);
    }
    this.dirty.add(id);
  }

  private resolveRoot(): void {
    const current = this.state.execution.state.current;
    if (isTerminated(current)) {
      this.resolveAfter();
      return;
    }
    if (current === "PAUSED" || current === "RETRYING") return;
    const context = flowableContext(this.state, this.deps.index, undefined, (template) =>
      this.deps.render(template, this.variables(undefined)),
    );
    const resolution = resolveSequential(context);
    this.create(resolution.next, undefined);
    if (resolution.state === undefined) return;
    this.end(this.state.execution.state.current === "KILLING" ? "KILLED" : resolution.state);
  }

  private end(state: StateType): void {
    // Kestra evaluates the SLA assertions on the execution whose last task just ended, before it ends.
    if (this.checkAssertions()) return;
    let final = state;
    const outputs = this.deps.index.flow.outputs;
    if (outputs?.length && final !== "KILLED") {
      try {
        const rendered = this.flowOutputs(outputs);
        this.state = { ...this.state, execution: { ...this.state.execution, outputs: rendered } };
      } catch (error) {
        this.log(undefined, "ERROR", `Failed to render output values: ${message(error)}`);
        final = "FAILED";
      }
    }
    this.state = setExecutionState(this.state, final, this.deps.now);
    this.log(undefined, "INFO", `Flow completed with state ${final}`);
    this.commands.push({ type: "execution.ended", state: final });
    this.dirty.add(ROOT); // the after-execution tasks
  }

  /** Flow `outputs`, rendered when the execution ends; a map given to a STRING output becomes its JSON text. */
  private flowOutputs(outputs: NonNullable<Flow["outputs"]>): Record<string, unknown> {
    const variables = this.variables(undefined);
    const rendered: Record<string, unknown> = {};
    for (const output of outputs) {
      const value = renderDeep(output.value, (template) => this.deps.render(template, variables));
      rendered[output.id] =
        output.type === "STRING" && value !== null && typeof value === "object" ? toJson(value) : value;
    }
    return rendered;
  }

  // ---- kill -----------------------------------------------------------------------------

  private kill(): void {
    const current = this.state.execution.state.current;
    if (isTerminated(current) || current === "KILLING") return;
    if (current === "QUEUED") {
      this.apply(killQueued(this.state, this.deps.now));
      return;
    }
    this.state = setExecutionState(this.state, "KILLING", this.deps.now);
    for (const id of this.state.order) {
      const run = taskRun(this.state, id);
      if (isTerminated(run.state.current)) continue;
      const entry = taskOf(this.deps.index, run);
      if (entry === undefined || run.state.current === "CREATED" || run.state.current === "RETRYING") {
        // Never started, waiting for a retry, or dynamic (nothing runs it): killed at once.
        this.finish(run, "KILLED");
      } else if (run.state.current === "PAUSED") {
        this.commands.push({ type: "timer.cancel", timerId: `${RESUME_TIMER}${run.id}` });
        this.finish(run, "KILLED");
      } else if (entry.plugin.category === "task") {
        const { plugin } = entry;
        if (plugin.category === "task" && plugin.kind === "runnable" && plugin.waitsFor !== undefined) {
          this.commands.push({ type: "timer.cancel", timerId: `${WAIT_TIMER}${run.id}` });
          this.finish(run, "KILLED");
        } else if (plugin.category === "task" && plugin.kind === "runnable") {
          this.setState(run.id, "KILLING");
          this.commands.push({ type: "task.kill", taskRunId: run.id });
        } else if (run.attempts !== undefined) {
          // An executable (Subflow, ForEachItem batches) task run: the kill cascades to its children.
          this.setState(run.id, "KILLING");
          this.commands.push({ type: "subflow.kill", taskRunId: run.id });
        }
      }
    }
    this.dirty.add(ROOT);
  }

  // ---- child executions (Subflow, ForEachItem) ------------------------------------------------

  /**
   * Asks the host for the child executions of an executable task run, each with the
   * correlation id, the inherited labels and the task's labels. One child (Subflow) reports
   * its end directly; several (ForEachItem batches) are counted in `iterations`.
   */
  private startChildren(run: TaskRun, task: Task, behaviour: ExecutableBehaviour): void {
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
      this.log(run, "ERROR", message(error));
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
  }

  private subflowStarted(event: Extract<ExecutorEvent, { type: "subflow.started" }>): void {
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
  }

  /** A child execution ended: the task run takes its outputs and, with transmitFailed, its failure. */
  private subflowEnded(event: Extract<ExecutorEvent, { type: "subflow.ended" }>): void {
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
    this.executableEnded(run, task, state, outputs);
  }

  /** Retry, allowFailure and allowWarning applied to the end of an executable task run. */
  private executableEnded(
    run: TaskRun,
    task: Task,
    ended: StateType,
    outputs?: Readonly<Record<string, unknown>>,
  ): void {
    let state = ended;
    if (state === "FAILED" && this.retryLater(run, task, outputs)) return;
    if (state === "SUCCESS" && (run.attempts?.length ?? 0) > 1 && retryFor(this.deps.index, run.taskId)?.warningOnRetry)
      state = "WARNING";
    if (state === "FAILED" && task.allowFailure) state = "WARNING";
    if (state === "WARNING" && task.allowWarning) state = "SUCCESS";
    this.finish(run, state, outputs);
  }

  /**
   * Once every batch is done (counted in `iterations`): FAILED if one failed, else KILLED,
   * else WARNING, else SUCCESS; SUCCESS whatever happened without transmitFailed.
   */
  private batchesDone(run: TaskRun, task: Task): void {
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
    this.executableEnded(run, task, state, { ...(run.outputs ?? {}), subflowOutputsBaseUri });
  }

  // ---- working directories ---------------------------------------------------------------------

  /**
   * A WorkingDirectory's directory around its `tasks`: opened before the first one, closed
   * (output files collected) once they are done, before `errors`, `finally` or the end.
   * False while the resolution must wait for the directory to close.
   */
  private directoryReady(run: TaskRun, task: Task, context: FlowableContext, resolution: Resolution): boolean {
    const started = context.counts("tasks").total;
    const moreTasks = resolution.next.some((child) => child.group === "tasks");
    if (moreTasks) {
      if (started === 0) this.openDirectory(run, task);
      return true;
    }
    if (started === 0 || this.state.memo.get(closedKey(run)) === true) return true;
    if (this.state.memo.get(closingKey(run)) !== true) {
      this.state.memo.set(closingKey(run), true);
      const variables = this.variables(run);
      let outputFiles: string[] | undefined;
      try {
        if (task.outputFiles !== undefined) {
          const rendered = renderDeep(task.outputFiles, (t) => this.deps.render(t, variables));
          outputFiles = (Array.isArray(rendered) ? rendered : [rendered]).map(String);
        }
      } catch (error) {
        this.log(run, "ERROR", `Unable to render outputFiles: ${message(error)}`);
      }
      const cache = this.directoryCache(run, task);
      this.commands.push({
        type: "directory.close",
        taskRunId: run.id,
        ...(outputFiles ? { outputFiles } : {}),
        ...(cache ? { cache } : {}),
      });
    }
    return false;
  }

  private openDirectory(run: TaskRun, task: Task): void {
    const variables = this.variables(run);
    const render = (template: string) => this.deps.render(template, variables);
    let inputFiles: Record<string, string> | undefined;
    let namespaceFiles: Record<string, unknown> | undefined;
    try {
      if (task.inputFiles !== undefined) {
        let files = renderDeep(task.inputFiles, render);
        if (typeof files === "string") files = JSON.parse(files);
        if (files === null || typeof files !== "object" || Array.isArray(files)) {
          throw new Error("inputFiles must be a map of file names to contents");
        }
        inputFiles = Object.fromEntries(Object.entries(files).map(([name, content]) => [name, String(content)]));
      }
      if (task.namespaceFiles !== undefined) {
        namespaceFiles = renderDeep(task.namespaceFiles, render) as Record<string, unknown>;
      }
    } catch (error) {
      // The host still opens the directory; the failure is the WorkingDirectory's.
      this.log(run, "ERROR", `Failed preExecuteTasks on WorkingDirectory: ${message(error)}`);
      this.state.memo.set(openFailedKey(run), true);
    }
    const cache = this.directoryCache(run, task);
    this.commands.push({
      type: "directory.open",
      taskRunId: run.id,
      ...(inputFiles ? { inputFiles } : {}),
      ...(namespaceFiles ? { namespaceFiles } : {}),
      ...(cache ? { cache } : {}),
    });
  }

  /** A WorkingDirectory's `cache`: its files are kept per task (and iteration value) for `ttl`. */
  private directoryCache(run: TaskRun, task: Task): DirectoryCache | undefined {
    const cache = task.cache as { patterns?: unknown; ttl?: unknown } | undefined;
    if (!cache || !Array.isArray(cache.patterns)) return undefined;
    const ttl = typeof cache.ttl === "string" ? parseDurationMs(cache.ttl) : undefined;
    return {
      patterns: cache.patterns.map(String),
      taskId: task.id,
      ...(run.value !== undefined ? { value: run.value } : {}),
      ...(ttl !== undefined ? { ttlMs: ttl } : {}),
    };
  }

  private directoryClosed(event: Extract<ExecutorEvent, { type: "directory.closed" }>): void {
    const run = this.state.runs.get(event.taskRunId);
    if (!run || isTerminated(run.state.current)) return;
    this.state.memo.set(closedKey(run), true);
    if (event.outputFiles && Object.keys(event.outputFiles).length > 0) {
      this.state = updateTaskRun(this.state, {
        ...run,
        outputs: { ...(run.outputs ?? {}), outputFiles: event.outputFiles },
      });
    }
    if (event.error || this.state.memo.get(openFailedKey(run)) === true) {
      if (event.error) this.log(run, "ERROR", event.error);
      this.finish(taskRun(this.state, run.id), "FAILED");
      return;
    }
    this.dirty.add(run.id);
  }

  // ---- lookups -------------------------------------------------------------------------------

  /** Asks the host for something a resolution needs (once per key); the waiting task run resolves again on `lookup.done`. */
  private lookup(runId: string, request: LookupRequest): void {
    const key = lookupKey(request);
    const waitingKey = `waiting:${key}`;
    const waiting = (this.state.memo.get(waitingKey) as string[] | undefined) ?? [];
    if (!waiting.includes(runId)) this.state.memo.set(waitingKey, [...waiting, runId]);
    if (waiting.length === 0) this.commands.push({ type: "lookup", key, request });
  }

  private lookupDone(event: Extract<ExecutorEvent, { type: "lookup.done" }>): void {
    this.state.memo.set(event.key, event.error === undefined ? { value: event.value ?? "" } : { error: event.error });
    const waitingKey = `waiting:${event.key}`;
    const waiting = (this.state.memo.get(waitingKey) as string[] | undefined) ?? [];
    this.state.memo.delete(waitingKey);
    for (const id of waiting) {
      const run = this.state.runs.get(id);
      if (!run || isTerminated(run.state.current)) continue;
      const { task } = this.deps.index.task(run.taskId);
      const behaviour = this.behaviour(run.taskId);
      if (behaviour && isExecutable(behaviour)) this.startChildren(run, task, behaviour);
      else this.dirty.add(id);
    }
  }

  // ---- restart and resume -----------------------------------------------------------------

  /** A manual resume makes the pause timer of the paused task run pointless. */
  private cancelResumeTimer(): void {
    const paused = firstPaused(this.state);
    if (paused) this.commands.push({ type: "timer.cancel", timerId: `${RESUME_TIMER}${paused.id}` });
  }

  /**
   * The execution was changed by an action (resume, restart, mark-as) and comes back RUNNING:
   * task runs put back to CREATED/RESTARTED start again, RUNNING flowables resolve again.
   */
  private restarted(): void {
    this.state = setExecutionState(this.state, "RUNNING", this.deps.now);
    this.dirty.add(ROOT);
    for (const id of this.state.order) {
      const run = taskRun(this.state, id);
      const entry = taskOf(this.deps.index, run);
      // A dynamic task run (RESTARTED by Kestra's mapTaskRun) has no task to run: its parent reports anew.
      if (entry === undefined) continue;
      const { task, plugin } = entry;
      if (isCreated(run.state.current)) {
        this.dispatch(run, task);
      } else if (run.state.current === "RUNNING" && plugin.category === "task" && plugin.kind === "flowable") {
        this.dirty.add(id);
      } else if (run.state.current === "KILLING") {
        this.dirty.add(id);
      }
    }
  }

  // ---- when the execution ends: after-execution tasks, SLAs, new executions ------------------

  /** True when a task run belongs to the after-execution phase (a listener's or afterExecution's task, or inside one). */
  private inAfterPhase(run: TaskRun): boolean {
    let top = run;
    while (top.parentTaskRunId !== undefined) top = taskRun(this.state, top.parentTaskRunId);
    return isAfterGroup(groupOfRun(this.state, top.id));
  }

  /** The terminated execution's next after-execution task, once the previous one ended. */
  private resolveAfter(): void {
    const next = nextAfterTask(this.state, this.deps.index, this.validListeners());
    if (next) this.create([next], undefined);
  }

  /**
   * The listeners whose conditions hold for the terminated execution (Kestra's
   * findValidListeners), evaluated once per terminal state and kept in the memo.
   */
  private validListeners(): readonly number[] {
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
  }

  private slas(type: Sla["type"]): readonly [number, Sla][] {
    const all = (this.deps.index.flow.sla ?? []) as unknown as readonly Sla[];
    return [...all.entries()].filter(([, sla]) => sla.type === type);
  }

  /** SLAs on every change of a live execution: MAX_DURATION timers at creation, then the assertions. */
  private beforeEvent(event: ExecutorEvent): void {
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
          this.log(undefined, "ERROR", `Ignoring SLA '${sla.id}' because of the error: ${message(error)}`);
        }
      }
    }
    this.checkAssertions();
  }

  /**
   * EXECUTION_ASSERTION SLAs of a live execution: violated when `assert` does not render
   * truthy; only the first violation acts. True when it terminated the execution.
   */
  private checkAssertions(): boolean {
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
        this.log(undefined, "ERROR", `Ignoring SLA '${sla.id}' because of the error: ${message(error)}`);
      }
    }
    const [first] = violations;
    return first !== undefined && this.violated(first);
  }

  /** A MAX_DURATION deadline passed while the execution still runs (the timer fires at the deadline). */
  private maxDurationReached(index: number): void {
    const sla = ((this.deps.index.flow.sla ?? []) as unknown as readonly Sla[])[index];
    const execution = this.state.execution;
    if (!sla || isTerminated(execution.state.current)) return;
    const start = Date.parse(execution.state.histories[0]?.date ?? this.deps.now);
    const elapsed = javaDuration(Date.parse(this.deps.now) - start);
    let limit: string;
    try {
      limit = javaDuration(parseDurationMs(String(this.deps.render(sla.duration, this.variables(undefined)))));
    } catch {
      limit = String(sla.duration);
    }
    this.violated(violation(sla, `execution duration of ${elapsed} exceed the maximum duration of ${limit}.`));
  }

  /**
   * Kestra's processViolation: FAIL or CANCEL give that state to the last task run not
   * terminated and to the execution, and stop the task runs still going (no kill cascade to
   * child executions); NONE changes no state. The SLA's labels are added in every case when
   * some are missing. Logged only when the violation changes something. True when the
   * execution is now terminated.
   */
  private violated(found: Violation): boolean {
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
  }

  /**
   * Retry `behavior: CREATE_NEW_EXECUTION` (Kestra's handleChildWorkerTaskResult and
   * markWithTaskRunAs(RETRIED, markParents)): the failed task run, its parents and the
   * execution are marked RETRIED (terminal), and at the retry date the host creates the next
   * execution (`execution.retry`). False when no new execution is due: the task fails.
   */
  private retryAsNewExecution(
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
  }

  private newExecutionDue(): void {
    if (this.state.execution.state.current === "RETRIED") this.commands.push({ type: "execution.retry" });
  }

  // ---- tasks that change the execution (Labels, Exit) -------------------------------------

  /** Labels: a key already on the execution takes the new value in place, a new key is appended. */
  private setLabels(labels: readonly { readonly key: string; readonly value: string }[]): void {
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
  }

  /**
   * Exit, as Kestra 1.x's Exit.update(): the execution takes `state` at once, without the
   * usual end (no flow outputs, no errors or finally branch, no "Flow completed" line), and
   * the Exit run ends in it. KILLED stops every running task (no kill cascade to child
   * executions) and kills the parents of each killed run. Any other state goes to the last
   * task run not terminated (Kestra's findLastNotTerminated: the Exit run itself unless a
   * later one still runs) and its parents; other running task runs are left alone.
   */
  private exit(run: TaskRun, state: NonNullable<Extract<ExecutorEvent, { type: "task.ended" }>["exit"]>): void {
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
  }

  /** Exit KILLED: every task run still going is stopped and KILLED, and so are its parents. */
  private killForExit(exitId: string): void {
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
  }

  /** Gives `state` to every ancestor of a task run (Exit). */
  private endParents(run: TaskRun, state: StateType): void {
    for (let id = run.parentTaskRunId; id !== undefined; id = taskRun(this.state, id).parentTaskRunId) {
      if (taskRun(this.state, id).state.current !== state) this.setState(id, state);
    }
  }

  /** A task run that ends after an Exit ended the execution: recorded, and nothing runs next. */
  private endedAfterExit(run: TaskRun, event: Extract<ExecutorEvent, { type: "task.ended" }>): void {
    this.finish(run, event.state, event.outputs ?? run.outputs ?? null);
    this.dirty.clear();
  }
}

const CORRELATION_ID = "system.correlationId";

/** Memo keys of a WorkingDirectory's directory, for the current run of its task run (a restart opens a new one). */
function closedKey(run: TaskRun): string {
  return `directory.closed:${run.id}:${run.state.histories.length}`;
}

function closingKey(run: TaskRun): string {
  return `directory.closing:${run.id}:${run.state.histories.length}`;
}

function openFailedKey(run: TaskRun): string {
  return `directory.open-failed:${run.id}:${run.state.histories.length}`;
}

/** Variables with extra ones merged in, maps one level deep (`taskrun.items` beside `taskrun.id`). */
function withExtra(
  variables: Record<string, unknown>,
  extra: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> {
  if (!extra) return variables;
  const merged = { ...variables };
  for (const [key, value] of Object.entries(extra)) {
    const current = merged[key];
    merged[key] =
      current && typeof current === "object" && value && typeof value === "object" ? { ...current, ...value } : value;
  }
  return merged;
}

/** `iterations` with one child moved from a state (when given) to another. */
function count(iterations: unknown, from: string | undefined, to: string): Record<string, number> {
  const next = { ...((iterations ?? {}) as Record<string, number>) };
  if (from !== undefined) next[from] = (next[from] ?? 0) - 1;
  next[to] = (next[to] ?? 0) + 1;
  return next;
}

/** Child states a Subflow with transmitFailed takes on. */
const TRANSMITTED: ReadonlySet<StateType> = new Set(["FAILED", "KILLED", "WARNING", "PAUSED"]);

/** Kestra's TimeoutExceededException message: `Timeout after 00:00:01.500` (DurationFormatUtils.formatDurationHMS). */
export function timeoutMessage(ms: number): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  return `Timeout after ${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${pad(Math.floor(ms % 1000), 3)}`;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Kestra's TruthUtils for runIf: false only for null, "", "false", "0" and "-0". */
export function truthy(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  const text = typeof value === "string" ? value : String(value);
  return !["", "false", "0", "-0"].includes(text.trim());
}
