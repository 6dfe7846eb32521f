/**
 * ExecutionObject: one Durable Object per execution, backed by SQLite storage (DESIGN.md §2).
 * It holds the execution's state, task runs, logs and timers, drives the executor's step(),
 * commits each tick in one transaction before carrying out its commands, runs light
 * runnable tasks itself (several at once when the flow allows) with the shared task runner,
 * and sleeps on one alarm armed for the earliest timer. After an eviction it reloads from
 * storage, and a task whose `task.run` was never answered runs again as a new attempt.
 * Whenever the execution's state or labels change, its summary goes to the execution index
 * (D1) off the hot path (`ctx.waitUntil`), one write at a time, newest summary last.
 */
import { DurableObject } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { registry } from "../plugins/index.js";
import * as actions from "../src/executor/actions.js";
import { createExecState, type ExecState, toExecution } from "../src/executor/exec-state.js";
import { type FlowIndex, indexFlow } from "../src/executor/flow-index.js";
import type { Execution, StateType } from "../src/executor/model.js";
import { isTerminated } from "../src/executor/model.js";
import type { ExecutorCommand, ExecutorEvent, LogLine } from "../src/executor/protocol.js";
import { type StepDeps, step } from "../src/executor/step.js";
import { createEngine } from "../src/expression/index.js";
import { describeIssue, type Flow, parseFlow } from "../src/flow/index.js";
import { answerLookup } from "../src/runtime/lookup.js";
import { resubmit } from "../src/runtime/resubmit.js";
import { onResumeValues } from "../src/runtime/resume-inputs.js";
import { runTask, type TaskRequest, type TaskRunCommand, type TaskServices } from "../src/runtime/run-task.js";
import type { ExecutionIndex } from "../src/storage/execution-index.js";
import { createSqlExecutionIndex } from "../src/storage/sql/execution-index.js";
import { WorkingDirectory } from "../src/storage/working-directory.js";
import { newId } from "../src/util/ids.js";
import type { Env } from "../workers/env.js";
import { R2BlobStore } from "../workers/r2-blob-store.js";
import { ExecutionStore, type TickChanges } from "./execution-store.js";
import { NOT_YET, unsupported, WORKING_DIRECTORY_ERROR } from "./unsupported.js";

/** What changes() answers: the execution as it is, its version, and its log lines from `logsFrom`. */
export interface ExecutionChange {
  readonly version: string;
  readonly execution: Execution;
  readonly logs: readonly LogLine[];
}

/** The longest one changes() call waits: a follower polls again, and this object is not held by a forgotten one. */
const MAX_CHANGE_WAIT_MS = 30_000;

/** What start() needs: the flow's YAML and the execution the caller created (newExecution, inputs validated). */
export interface StartInput {
  readonly source: string;
  readonly execution: Execution;
}

interface Held {
  readonly flow: Flow;
  readonly index: FlowIndex;
  state: ExecState;
  readonly logs: LogLine[];
}

/** While tasks run, an alarm this far ahead wakes the object again should it be evicted or crash. */
const WATCHDOG_MS = 30_000;

export class ExecutionObject extends DurableObject<Env> {
  private readonly store: ExecutionStore;
  private readonly engine = createEngine();
  private readonly services: TaskServices;
  private held: Held | undefined;
  private readonly queue: { readonly event: ExecutorEvent; readonly now?: number }[] = [];
  private draining = false;
  /** Tasks running in this instance, by task run id. */
  private readonly running = new Map<string, AbortController>();
  /** Bumped by reload(): results of tasks started before it are dropped. */
  private generation = 0;
  private idle: (() => void)[] = [];
  /** The alarm this instance armed (null: none; undefined: unknown, as after a start or a spent alarm). */
  private armed: { readonly at: number; readonly kind: "timer" | "watchdog" } | null | undefined;
  /** Callers waiting for the execution to end or pause (`wait=true`). */
  private done: ((execution: Execution) => void)[] = [];
  /** The summary key last sent to the execution index (see indexSummary). */
  private indexed: string | undefined;
  /** The summary the next index write sends; undefined when no write is waiting to start. */
  private toIndex: Execution | undefined;
  /** The chain of index writes: each one starts after the previous one ended. */
  private indexWrites: Promise<void> = Promise.resolve();
  private executionIndex: ExecutionIndex | undefined;
  /** Bumped whenever the execution or its logs may have changed; with `instance`, the version followers see. */
  private changeCount = 0;
  private readonly instance = newId();
  /** Followers waiting in changes() for the next change. */
  private changeWaiters: (() => void)[] = [];

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new ExecutionStore(ctx.storage);
    this.services = {
      engine: this.engine,
      storage: new R2BlobStore(env.STORAGE),
      now: () => new Date(),
      newId,
      schedule: (at, fire) => {
        const handle = setTimeout(fire, Math.max(0, at - Date.now()));
        return () => clearTimeout(handle);
      },
    };
    this.reload();
  }

  /**
   * The storage engine behind this object: "sqlite" for the class wrangler.toml declares
   * (a key-value-backed object has no SQL API and throws here).
   */
  async probe(): Promise<string> {
    const row = this.ctx.storage.sql.exec<{ ok: number }>("select 1 as ok").one();
    return row.ok === 1 ? "sqlite" : "unknown";
  }

  /** Holds a new execution and starts it; returns it after its first tick. */
  start(input: StartInput): Execution {
    if (this.held) throw new actions.ActionError(`Execution ${this.held.state.execution.id} is already started`);
    const parsed = parseFlow(input.source, { registry });
    if (!parsed.ok) throw new Error(`Invalid flow: ${parsed.issues.map(describeIssue).join("; ")}`);
    const index = indexFlow(parsed.flow, registry);
    const state = createExecState(input.execution, (run) => index.task(run.taskId).group);
    this.held = { flow: parsed.flow, index, state, logs: [] };
    this.store.saveSource(input.source);
    this.store.commit(undefined, state);
    this.push({ type: "execution.start" });
    return toExecution(this.hold().state);
  }

  execution(): Execution {
    return toExecution(this.hold().state);
  }

  logs(): readonly LogLine[] {
    return this.hold().logs;
  }

  /** Kill: the execution goes KILLING at once; running tasks and timers are stopped. */
  kill(): Execution {
    const current = this.hold().state.execution.state.current;
    if (isTerminated(current) || current === "KILLING") {
      throw new actions.ActionError(`Execution is already ${current === "KILLING" ? "being killed" : "terminated"}`);
    }
    this.push({ type: "execution.kill" });
    return this.execution();
  }

  /** Resumes a paused execution with the onResume inputs of its Pause (validated); returns it RESTARTED. */
  async resume(inputs?: Readonly<Record<string, unknown>>): Promise<Execution> {
    const held = this.hold();
    const onResume = await onResumeValues(held.state, held.index, inputs, {
      engine: this.engine,
      files: this.services.storage,
    });
    const now = new Date().toISOString();
    return this.act((state) => actions.resume(state, held.index, { now, ...(onResume ? { onResume } : {}) }));
  }

  /** Restarts a terminated execution from its failed task runs (the same execution, RESTARTED). */
  restart(): Execution {
    const held = this.hold();
    return this.act((state) => {
      const restarted = actions.restart(toExecution(state), held.index, { now: new Date().toISOString() });
      return createExecState(restarted, (run) => held.index.task(run.taskId).group);
    });
  }

  /** Kestra's change-status: a terminated execution takes another terminal state. */
  changeStatus(state: StateType): Execution {
    return this.act((current) => actions.changeStatus(current, state, new Date().toISOString()));
  }

  /** Kestra's task run state change (mark-as): the task run takes the state, its ancestors RUNNING, the execution RESTARTED. */
  markAs(taskRunId: string, state: StateType): Execution {
    const held = this.hold();
    return this.act((current) =>
      actions.markAs(current, held.index, { taskRunId, state, now: new Date().toISOString() }),
    );
  }

  /**
   * Forgets the execution: running tasks stop, the alarm is cleared and the object's storage
   * is wiped, so every later call answers "No execution is held" (404 at the API). Waits for
   * index writes in flight first, so none lands after the caller removes the index row.
   */
  async delete(): Promise<void> {
    this.hold();
    await this.indexWrites;
    this.generation++;
    for (const controller of this.running.values()) controller.abort(new Error("killed: the execution was deleted"));
    this.running.clear();
    this.queue.length = 0;
    this.held = undefined;
    this.armed = null;
    this.indexed = undefined;
    this.toIndex = undefined;
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    this.store.recreate();
    this.changed();
  }

  /** The flow source this execution runs (a replay starts a new execution of it). */
  source(): string {
    this.hold();
    const source = this.store.source();
    if (source === undefined)
      throw new actions.ActionError("No execution is held by this object: start() was not called");
    return source;
  }

  /**
   * Resolves once the execution is terminated or paused (Kestra's `wait=true`), and its
   * summary, as it is then, is written to the execution index (or the write failed).
   */
  async whenDone(): Promise<Execution> {
    const execution = this.isDone()
      ? this.execution()
      : await new Promise<Execution>((resolve) => this.done.push(resolve));
    await this.indexWrites;
    return execution;
  }

  /**
   * For followers (SSE): answers at once when the version differs from `since`, else on the next
   * change or after `waitMs` (at most 30 s), whichever comes first. Versions of another instance
   * (before an eviction) always differ.
   */
  async changes(since: string | undefined, logsFrom: number, waitMs: number): Promise<ExecutionChange> {
    this.hold();
    if (since === this.version()) {
      let wake = (): void => undefined;
      const changed = new Promise<void>((resolve) => {
        wake = resolve;
        this.changeWaiters.push(resolve);
      });
      let timeUp = (): void => undefined;
      const timeout = new Promise<void>((resolve) => {
        timeUp = resolve;
      });
      const timer = setTimeout(() => timeUp(), Math.max(0, Math.min(waitMs, MAX_CHANGE_WAIT_MS)));
      await Promise.race([changed, timeout]);
      clearTimeout(timer);
      this.changeWaiters = this.changeWaiters.filter((waiter) => waiter !== wake);
    }
    return {
      version: this.version(),
      execution: this.execution(),
      logs: this.hold().logs.slice(Math.max(0, logsFrom)),
    };
  }

  private version(): string {
    return `${this.instance}.${this.changeCount}`;
  }

  /** The execution or its logs may have changed: followers waiting in changes() answer. */
  private changed(): void {
    this.changeCount++;
    for (const wake of this.changeWaiters.splice(0)) wake();
  }

  private isDone(): boolean {
    const current = this.hold().state.execution.state.current;
    return isTerminated(current) || current === "PAUSED";
  }

  /** Resolves once no task runs and no event waits here (tests; timers may still be set). */
  async settled(): Promise<Execution> {
    if (this.running.size > 0 || this.queue.length > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
    return this.execution();
  }

  /**
   * Forgets everything held in memory and rebuilds it from storage, as after an eviction:
   * tasks running in this instance are abandoned and their task runs run again as new attempts.
   */
  reload(): void {
    this.generation++;
    for (const controller of this.running.values()) controller.abort(new Error("reloaded"));
    this.running.clear();
    this.queue.length = 0;
    this.armed = undefined;
    this.held = undefined;
    const stored = this.store.load();
    if (!stored) return;
    const parsed = parseFlow(stored.source, { registry });
    if (!parsed.ok) throw new Error(`The stored flow no longer parses: ${parsed.issues.map(describeIssue).join("; ")}`);
    const index = indexFlow(parsed.flow, registry);
    const state = createExecState(stored.execution, (run) => index.task(run.taskId).group);
    this.held = { flow: parsed.flow, index, state, logs: stored.logs };
    const now = new Date().toISOString();
    const again: TaskRunCommand[] = [];
    const answered: string[] = [];
    let next = state;
    for (const command of stored.commands) {
      const resubmitted = resubmit(next, command.taskRunId, now);
      if (!resubmitted) {
        answered.push(command.taskRunId);
        continue;
      }
      next = resubmitted.state;
      again.push({ ...command, attemptNumber: resubmitted.attemptNumber });
    }
    this.store.commit(state, next, { commandsSent: again, commandsAnswered: answered });
    this.held.state = next;
    for (const command of again) this.runTask(command);
    this.armAlarm();
    // The last index write may have been lost with the instance that made it: write again.
    this.indexed = undefined;
    this.indexSummary();
  }

  /**
   * The alarm fired. Armed for the earliest timer, that timer and every one due by then fire
   * (also when the alarm runs early, as the tests make it). Armed as a watchdog while tasks ran,
   * it only had to wake the object (whose constructor ran unanswered tasks again): only timers
   * already due fire, and the alarm is armed again.
   */
  override async alarm(): Promise<void> {
    if (!this.held) return;
    const watchdog = this.store.alarmKind() === "watchdog";
    this.armed = undefined; // the alarm is spent: the next one is set, and its kind written, again
    const earliest = this.store.earliestTimer();
    if (earliest !== undefined) {
      const due = watchdog ? Date.now() : Math.max(Date.now(), earliest);
      for (const timer of this.store.dueTimers(due)) this.push({ type: "timer.fired", timerId: timer.id }, timer.at);
    }
    this.armAlarm();
  }

  // ---- the loop ---------------------------------------------------------------------------

  private hold(): Held {
    if (!this.held) throw new actions.ActionError("No execution is held by this object: start() was not called");
    return this.held;
  }

  /** Applies a user's action, commits it and lets the executor carry on when it restarted the execution. */
  private act(action: (state: ExecState) => ExecState): Execution {
    const held = this.hold();
    const before = held.state;
    const after = action(before);
    this.store.commit(before, after);
    held.state = after;
    this.changed();
    // Kestra answers with the execution RESTARTED, before the executor carries on.
    const answer = toExecution(after);
    if (after.execution.state.current === "RESTARTED") this.push({ type: "execution.start" });
    else this.indexSummary();
    return answer;
  }

  /** Queues an event; `now` (epoch ms) is the instant it happens at when later than the clock (a timer's). */
  private push(event: ExecutorEvent, now?: number): void {
    this.queue.push(now === undefined ? { event } : { event, now });
    if (this.draining) return;
    this.draining = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) this.apply(next.event, next.now);
    } finally {
      this.draining = false;
    }
    this.armAlarm();
    this.indexSummary();
    this.changed();
    if (this.running.size === 0) for (const resolve of this.idle.splice(0)) resolve();
    if (this.done.length > 0 && this.held && this.isDone()) {
      const execution = this.execution();
      for (const resolve of this.done.splice(0)) resolve(execution);
    }
  }

  private deps(held: Held, at?: number): StepDeps {
    return {
      now: new Date(Math.max(Date.now(), at ?? 0)).toISOString(),
      newId,
      random: Math.random,
      index: held.index,
      render: (template, variables) => this.engine.renderValue(template, variables),
    };
  }

  /** One tick: step, one transaction with everything it changed, then its commands. */
  private apply(event: ExecutorEvent, at?: number): void {
    const held = this.hold();
    const before = held.state;
    const result = step(before, event, this.deps(held, at));
    const changes = tickChanges(event, result.commands, result.logs);
    this.store.commit(before, result.state, changes);
    held.state = result.state;
    held.logs.push(...(changes.logs ?? []));
    for (const command of result.commands) this.carryOut(command);
  }

  private carryOut(command: ExecutorCommand): void {
    switch (command.type) {
      case "task.run":
        this.runTask(command);
        return;
      case "task.kill":
        this.running.get(command.taskRunId)?.abort(new Error("killed"));
        return;
      case "lookup":
        if (command.request.kind === "file") this.lookup(command);
        else this.queue.push({ event: unsupported(command) as ExecutorEvent });
        return;
      case "timer.set":
      case "timer.cancel":
      case "execution.ended":
        // Written with the tick (tickChanges); the alarm follows the timer table.
        return;
      case "subflow.kill":
        // This runtime starts no child execution yet, so there is none to kill.
        return;
      case "directory.open":
        // Its tasks fail on the directory that never opens (runTask), then its close fails.
        return;
      case "execution.retry":
        this.logExecutionError(`The next execution of a CREATE_NEW_EXECUTION retry ${NOT_YET}: none was created`);
        return;
      default: {
        const answer = unsupported(command);
        if (answer) this.queue.push({ event: answer });
      }
    }
  }

  private runTask(command: TaskRunCommand): void {
    const held = this.hold();
    const controller = new AbortController();
    const generation = this.generation;
    this.running.set(command.taskRunId, controller);
    const request: TaskRequest = {
      state: held.state,
      index: held.index,
      command,
      controller,
      ...(command.workingDirectory === undefined ? {} : { shared: unsupportedDirectory() }),
      readable: [],
      logs: () => held.logs,
    };
    void runTask(request, this.services).then((event) => {
      if (generation !== this.generation) return;
      this.running.delete(command.taskRunId);
      this.push(event);
    });
  }

  /** Reads a file of the execution for the executor and answers `lookup.done`. */
  private lookup(command: Extract<ExecutorCommand, { type: "lookup" }>): void {
    const execution = this.hold().state.execution;
    const generation = this.generation;
    const key = `lookup ${command.key}`;
    const controller = new AbortController();
    this.running.set(key, controller);
    void answerLookup(this.services.storage, execution, [], command).then((answer) =>
      this.answer(generation, key, answer),
    );
  }

  /** An ERROR line on the execution itself (no task run), stored at once. */
  private logExecutionError(message: string): void {
    const held = this.hold();
    const line: LogLine = { level: "ERROR", message, timestamp: new Date().toISOString() };
    this.store.commit(held.state, held.state, { logs: [line] });
    held.logs.push(line);
    this.changed();
  }

  private answer(generation: number, key: string, event: ExecutorEvent): void {
    if (generation !== this.generation) return;
    this.running.delete(key);
    this.push(event);
  }

  /**
   * Sends the execution's summary to the index when its state or labels changed since the
   * last one sent. Writes run one after the other off the hot path; a write not started yet
   * takes the newest summary, so a burst of changes costs few writes. A failed write is
   * logged: the index is a view, and the execution goes on.
   */
  private indexSummary(): void {
    if (!this.held) return;
    const { execution } = this.held.state;
    const key = `${execution.state.current}|${execution.state.histories.length}|${JSON.stringify(execution.labels)}|${execution.deleted}`;
    if (key === this.indexed) return;
    this.indexed = key;
    const waiting = this.toIndex !== undefined;
    this.toIndex = toExecution(this.held.state);
    if (waiting) return;
    this.indexWrites = this.indexWrites.then(async () => {
      const summary = this.toIndex;
      this.toIndex = undefined;
      if (summary === undefined) return;
      try {
        this.executionIndex ??= createSqlExecutionIndex(drizzle(this.env.DB));
        await this.executionIndex.upsert(summary);
      } catch (error) {
        console.error(`Indexing execution ${summary.id} (${summary.state.current}) failed:`, error);
      }
    });
    this.ctx.waitUntil(this.indexWrites);
  }

  /** One alarm, at the earliest timer (never at or before now: see DESIGN.md §7). */
  /** One alarm: the earliest timer, or sooner a watchdog while tasks run (see alarm()). */
  private armAlarm(): void {
    const now = Date.now();
    const earliest = this.store.earliestTimer();
    const running = this.running.size > 0;
    if (earliest === undefined && !running) {
      if (this.armed !== null) void this.ctx.storage.deleteAlarm();
      this.armed = null;
      return;
    }
    // A watchdog still well ahead stays where it is: no alarm write on every tick while tasks run.
    const keep = this.armed?.kind === "watchdog" && this.armed.at - now > WATCHDOG_MS / 3;
    const watchdog = keep ? (this.armed?.at as number) : now + WATCHDOG_MS;
    const kind = running && (earliest === undefined || watchdog < earliest) ? "watchdog" : "timer";
    const at = kind === "watchdog" ? watchdog : Math.max(earliest as number, now + 1);
    if (this.armed?.at === at && this.armed.kind === kind) return;
    if (this.armed?.kind !== kind) this.store.alarmKind(kind);
    void this.ctx.storage.setAlarm(at);
    this.armed = { at, kind };
  }
}

/** A directory whose preparation fails: the tasks of a WorkingDirectory fail with the reason. */
function unsupportedDirectory(): { directory: WorkingDirectory; ready: Promise<void> } {
  const ready = Promise.reject(new Error(WORKING_DIRECTORY_ERROR));
  ready.catch(() => undefined);
  return { directory: new WorkingDirectory(), ready };
}

/** The storage side of a tick: its log lines, timers, and the task.run commands sent or answered. */
function tickChanges(
  event: ExecutorEvent,
  commands: readonly ExecutorCommand[],
  logs: readonly LogLine[],
): TickChanges {
  const timersSet: { id: string; at: number }[] = [];
  const timersCancelled: string[] = [];
  const commandsSent: TaskRunCommand[] = [];
  let clearTimers = false;
  if (event.type === "timer.fired") timersCancelled.push(event.timerId);
  for (const command of commands) {
    if (command.type === "timer.set") timersSet.push({ id: command.timerId, at: Date.parse(command.at) });
    else if (command.type === "timer.cancel") timersCancelled.push(command.timerId);
    else if (command.type === "task.run") commandsSent.push(command);
    else if (command.type === "execution.ended") {
      // The execution's timers stop with it; only those set after its end remain.
      clearTimers = true;
      timersSet.length = 0;
    }
  }
  return {
    logs,
    timersSet,
    timersCancelled,
    clearTimers,
    commandsSent,
    commandsAnswered: event.type === "task.ended" ? [event.taskRunId] : [],
  };
}
