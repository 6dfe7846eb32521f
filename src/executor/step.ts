/**
 * step(state, event, deps): the executor as a pure, synchronous state machine. An event
 * comes in; the task runs it affects change; every flowable whose children changed (and
 * only those) is asked what comes next, until nothing changes; the new state and the
 * commands for the host come out. Time, ids and randomness arrive in `deps`.
 */
import { toJson } from "../expression/values.js";
import type { Flow, Task } from "../flow/model.js";
import { javaDurationOfMillis } from "../inputs/java-time.js";
import { parseDurationMs } from "../util/duration.js";
import { messageOf } from "../util/errors.js";
import { firstPaused, resume } from "./actions.js";
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
import { isCreated, isTerminated, newState, type StateType, type TaskRun, withState } from "./model.js";
import type { DynamicTaskRun, ExecutorCommand, ExecutorEvent, LogLine } from "./protocol.js";
import { nextRetryDate, retryFor } from "./retry.js";
import { type ChildExecutions, childExecutions } from "./step-children.js";
import { type ExecutionEnd, executionEnd } from "./step-ending.js";
import {
  NEW_EXECUTION_TIMER,
  PAUSE_BEHAVIORS,
  PAUSE_TYPE,
  RESUME_TIMER,
  RETRY_TIMER,
  SCHEDULE_TIMER,
  SLA_TIMER,
  TIMEOUT_TIMER,
  timeoutMessage,
  truthy,
  WAIT_TIMER,
  withExtra,
} from "./step-support.js";
import { type ExecutionUpdates, executionUpdates } from "./step-updates.js";
import { type WorkingDirectories, workingDirectories } from "./step-working-directory.js";
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

/**
 * One step's worth of work on one execution. Its methods about child executions, working
 * directories, the end of an execution and Labels/Exit live in the step-*.ts files beside
 * this one and are put on the prototype below.
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the merged methods are assigned to the prototype right after the class.
export class Stepper {
  readonly commands: ExecutorCommand[] = [];
  readonly logs: LogLine[] = [];
  /** Flowable task runs (or ROOT, the flow itself) whose children changed. */
  readonly dirty = new Set<string>();

  constructor(
    public state: ExecState,
    readonly deps: StepDeps,
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
  apply(change: Change): void {
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

  log(run: TaskRun | undefined, level: LogLine["level"], message: string): void {
    this.logs.push({
      ...(run ? { taskRunId: run.id, taskId: run.taskId, attemptNumber: Math.max(1, run.attempts?.length ?? 1) } : {}),
      level,
      message,
      timestamp: this.deps.now,
    });
  }

  /** An execution created with a `scheduleDate` still ahead stays CREATED until a timer at that date. */
  scheduledLater(): boolean {
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
  behaviour(taskId: string): TaskBehaviour | undefined {
    const { plugin } = this.deps.index.task(taskId);
    return plugin.category === "task" && plugin.kind === "flowable" ? plugin.behaviour : undefined;
  }

  markParentDirty(run: TaskRun): void {
    // No flowable resolves dynamic task runs: their end wakes nothing.
    if (!run.dynamic) this.dirty.add(run.parentTaskRunId ?? ROOT);
  }

  variables(run: TaskRun | undefined): Record<string, unknown> {
    const type = run ? taskOf(this.deps.index, run)?.task.type : undefined;
    return runVariables(this.state, this.deps.index.flow, run, type, this.deps.host);
  }

  // ---- task runs -------------------------------------------------------------------

  create(specs: Resolution["next"], parent: TaskRun | undefined): void {
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
  dispatch(run: TaskRun, task: Task): void {
    if (this.state.execution.state.current === "KILLING") {
      this.finish(run, "KILLED");
      return;
    }
    if (task.runIf !== undefined) {
      let go: boolean;
      try {
        go = truthy(this.deps.render(task.runIf, this.variables(run)));
      } catch (error) {
        const text = messageOf(error);
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
  sharedDirectory(run: TaskRun): { workingDirectory?: string } {
    const parentId = run.parentTaskRunId;
    if (parentId === undefined || groupOfRun(this.state, run.id) !== "tasks") return {};
    const parent = taskRun(this.state, parentId);
    const behaviour = this.behaviour(parent.taskId);
    return behaviour && !isExecutable(behaviour) && behaviour.workingDirectory ? { workingDirectory: parentId } : {};
  }

  /** The task's timeout in ms (rendered when it is an expression); null when it cannot be read (the run failed). */
  timeoutMs(run: TaskRun, timeout: string): number | null {
    try {
      return parseDurationMs(String(this.deps.render(timeout, this.variables(run))));
    } catch (error) {
      this.log(run, "ERROR", `Invalid timeout: ${messageOf(error)}`);
      this.finish(taskRun(this.state, run.id), "FAILED");
      return null;
    }
  }

  /** A task that only waits (Sleep): a timer, never a blocking run. */
  wait(run: TaskRun, task: Task, property: string): void {
    let ms: number;
    try {
      ms = parseDurationMs(String(this.deps.render(task[property], this.variables(run))));
    } catch (error) {
      this.log(run, "ERROR", `Invalid ${property}: ${messageOf(error)}`);
      this.finish(taskRun(this.state, run.id), "FAILED");
      return;
    }
    // Kestra's Sleep logs how long it waits, as Java prints a Duration.
    this.log(run, "INFO", `Waiting for ${javaDurationOfMillis(Math.max(0, ms))}`);
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
  timedOut(id: string): void {
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

  waited(id: string): void {
    const run = this.state.runs.get(id);
    if (run && run.state.current === "RUNNING") this.finish(run, "SUCCESS");
  }

  startAttempt(id: string): void {
    const run = taskRun(this.state, id);
    const attempt = { state: newState("RUNNING", this.deps.now) };
    this.state = updateTaskRun(this.state, {
      ...run,
      state: withState(run.state, "RUNNING", this.deps.now),
      attempts: [...(run.attempts ?? []), attempt],
    });
  }

  setState(id: string, current: StateType): TaskRun {
    const run = taskRun(this.state, id);
    const next = { ...run, state: withState(run.state, current, this.deps.now) };
    this.state = updateTaskRun(this.state, next);
    return next;
  }

  /** Ends a task run in a terminal state and wakes its parent. */
  finish(run: TaskRun, current: StateType, outputs?: Readonly<Record<string, unknown>> | null): void {
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

  taskEnded(event: Extract<ExecutorEvent, { type: "task.ended" }>): void {
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
    this.attemptEnded(run, this.deps.index.task(run.taskId).task, event.state, event.outputs);
  }

  /**
   * An attempt of a runnable or executable task run ended: another attempt when its retry
   * allows one, else the task run ends, with warningOnRetry, allowFailure and allowWarning applied.
   */
  attemptEnded(run: TaskRun, task: Task, ended: StateType, outputs?: Readonly<Record<string, unknown>>): void {
    let state = ended;
    if (state === "FAILED" && this.retryLater(run, task, outputs)) return;
    const retried = (run.attempts?.length ?? 0) > 1;
    if (state === "SUCCESS" && retried && retryFor(this.deps.index, run.taskId)?.warningOnRetry) state = "WARNING";
    if (state === "FAILED" && task.allowFailure) state = "WARNING";
    if (state === "WARNING" && task.allowWarning) state = "SUCCESS";
    this.finish(run, state, outputs ?? run.outputs ?? null);
  }

  /**
   * A task run the task created while it ran (Kestra's ExecutorService.addDynamicTaskRun):
   * added as reported, before the reporting task run ends, with an id from the executor,
   * `dynamic: true` and one attempt in its state, in the DYNAMIC group of its parent.
   * Each attempt of a retried task adds its own.
   */
  addDynamic(reporter: TaskRun, reported: DynamicTaskRun): void {
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
  retryLater(run: TaskRun, task: Task, outputs: Readonly<Record<string, unknown>> | undefined): boolean {
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

  retryNow(id: string): void {
    const run = this.state.runs.get(id);
    if (run?.state.current !== "RETRYING") return;
    this.setState(id, "CREATED");
    if (this.state.execution.state.current === "RETRYING") {
      this.state = setExecutionState(this.state, "RUNNING", this.deps.now);
    }
    this.dispatch(taskRun(this.state, id), this.deps.index.task(run.taskId).task);
  }

  // ---- flowables and the flow ----------------------------------------------------------

  resolveFlowable(id: string): void {
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
      this.log(run, "ERROR", messageOf(error));
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
  pause(run: TaskRun, ms: number): void {
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
  pauseElapsed(id: string): void {
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
        this.log(run, "ERROR", `Unable to render behavior: ${messageOf(error)}`);
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

  pauseTimeoutMs(run: TaskRun, task: Task): number {
    return (task.timeout === undefined ? null : this.timeoutMs(run, task.timeout)) ?? 0;
  }

  resume(id: string, inputs?: Readonly<Record<string, unknown>>): void {
    const run = this.state.runs.get(id);
    if (run?.state.current !== "PAUSED") return;
    const outputs = inputs ? { ...(run.outputs ?? {}), onResume: inputs } : (run.outputs ?? null);
    this.state = updateTaskRun(this.state, { ...run, outputs, state: withState(run.state, "RUNNING", this.deps.now) });
    if (this.state.execution.state.current === "PAUSED") {
      this.state = setExecutionState(this.state, "RUNNING", this.deps.now);
    }
    this.dirty.add(id);
  }

  resolveRoot(): void {
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

  end(state: StateType): void {
    // Kestra evaluates the SLA assertions on the execution whose last task just ended, before it ends.
    if (this.checkAssertions()) return;
    let final = state;
    const outputs = this.deps.index.flow.outputs;
    if (outputs?.length && final !== "KILLED") {
      try {
        const rendered = this.flowOutputs(outputs);
        this.state = { ...this.state, execution: { ...this.state.execution, outputs: rendered } };
      } catch (error) {
        this.log(undefined, "ERROR", `Failed to render output values: ${messageOf(error)}`);
        final = "FAILED";
      }
    }
    this.state = setExecutionState(this.state, final, this.deps.now);
    this.log(undefined, "INFO", `Flow completed with state ${final}`);
    this.commands.push({ type: "execution.ended", state: final });
    this.dirty.add(ROOT); // the after-execution tasks
  }

  /** Flow `outputs`, rendered when the execution ends; a map given to a STRING output becomes its JSON text. */
  flowOutputs(outputs: NonNullable<Flow["outputs"]>): Record<string, unknown> {
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

  kill(): void {
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

  // ---- lookups -------------------------------------------------------------------------------

  /** Asks the host for something a resolution needs (once per key); the waiting task run resolves again on `lookup.done`. */
  lookup(runId: string, request: LookupRequest): void {
    const key = lookupKey(request);
    const waitingKey = `waiting:${key}`;
    const waiting = (this.state.memo.get(waitingKey) as string[] | undefined) ?? [];
    if (!waiting.includes(runId)) this.state.memo.set(waitingKey, [...waiting, runId]);
    if (waiting.length === 0) this.commands.push({ type: "lookup", key, request });
  }

  lookupDone(event: Extract<ExecutorEvent, { type: "lookup.done" }>): void {
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
  cancelResumeTimer(): void {
    const paused = firstPaused(this.state);
    if (paused) this.commands.push({ type: "timer.cancel", timerId: `${RESUME_TIMER}${paused.id}` });
  }

  /**
   * The execution was changed by an action (resume, restart, mark-as) and comes back RUNNING:
   * task runs put back to CREATED/RESTARTED start again, RUNNING flowables resolve again.
   */
  restarted(): void {
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
}

/** The methods of step-children.ts, step-working-directory.ts, step-ending.ts and step-updates.ts. */
export interface Stepper extends ChildExecutions, WorkingDirectories, ExecutionEnd, ExecutionUpdates {}
Object.assign(Stepper.prototype, childExecutions, workingDirectories, executionEnd, executionUpdates);

export { timeoutMessage, truthy } from "./step-support.js";
