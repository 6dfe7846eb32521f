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
import { Temporal } from "temporal-polyfill";
import { registry } from "../plugins/index.js";
import * as actions from "../src/executor/actions.js";
import { childEnded as childEndedEvent } from "../src/executor/child-result.js";
import { type Concurrency, concurrencyKey, isGated } from "../src/executor/concurrency.js";
import { createExecState, type ExecState, toExecution } from "../src/executor/exec-state.js";
import { type FlowIndex, indexFlow } from "../src/executor/flow-index.js";
import type { Execution, StateType } from "../src/executor/model.js";
import { isTerminated } from "../src/executor/model.js";
import type { ExecutorCommand, ExecutorEvent, LogLine } from "../src/executor/protocol.js";
import { type StepDeps, step } from "../src/executor/step.js";
import { createEngine } from "../src/expression/index.js";
import { describeIssue, type Flow, parseFlow } from "../src/flow/index.js";
import {
  childExecution,
  flowNotFound,
  readableExecutions,
  type SubflowStart,
  storeBatchOutputs,
} from "../src/runtime/child-execution.js";
import { type PurgeCounts, type PurgeRequest, purgeMatches } from "../src/runtime/execution-purge.js";
import { type LogPurgeRequest, purgesExecution, purgesLine } from "../src/runtime/log-purge.js";
import { answerLookup } from "../src/runtime/lookup.js";
import { resubmit } from "../src/runtime/resubmit.js";
import { onResumeValues } from "../src/runtime/resume-inputs.js";
import {
  type ExecutionRenderOptions,
  executionRenderStores,
  runTask,
  type TaskRequest,
  type TaskRunCommand,
  type TaskServices,
} from "../src/runtime/run-task.js";
import { StepRenders } from "../src/runtime/step-renders.js";
import { WorkingDirectories } from "../src/runtime/working-directories.js";
import type { ExecutionIndex } from "../src/storage/execution-index.js";
import type { FlowStore } from "../src/storage/flow-store.js";
import { executionPath, SCHEME } from "../src/storage/internal.js";
import type { LogIndex } from "../src/storage/log-index.js";
import { createSqlExecutionIndex } from "../src/storage/sql/execution-index.js";
import { createSqlFlowStore } from "../src/storage/sql/flow-repository.js";
import { createSqlKvStore } from "../src/storage/sql/kv-repository.js";
import { createSqlLogIndex } from "../src/storage/sql/log-index.js";
import { createSqlNamespaceFiles } from "../src/storage/sql/namespace-files-repository.js";
import { messageOf } from "../src/util/errors.js";
import { newId } from "../src/util/ids.js";
import { parseTyped, stringifyTyped, toKestraJson } from "../src/util/typed-json.js";
import type { Env } from "../workers/env.js";
import { R2BlobStore } from "../workers/r2-blob-store.js";
import { workerSecrets } from "../workers/secrets.js";
import { type ChildState, ExecutionStore, type TickChanges } from "./execution-store.js";

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
  /** The execution, or its typed JSON (src/util/typed-json.ts) to keep Java-typed inputs through RPC. */
  readonly execution: Execution | string;
  /** The Subflow or ForEachItem task run waiting for this child execution to end. */
  readonly parent?: ParentLink;
}

/** Where a child execution reports its end: the parent's object and task run (and batch). */
export interface ParentLink {
  readonly executionId: string;
  readonly taskRunId: string;
  readonly iteration?: number;
  /** The Subflow's deprecated `outputs` templates, rendered against this execution when it ends. */
  readonly outputs?: Readonly<Record<string, unknown>>;
}

type SubflowEnded = Extract<ExecutorEvent, { type: "subflow.ended" }>;

/** What every call on an object that holds no execution (never started, or deleted) answers. */
export const NOT_HELD = "No execution is held by this object: start() was not called";

/** Whether a call on another execution's object failed because that object holds none (RPC keeps only the message). */
export function isNotHeld(error: unknown): boolean {
  return error instanceof Error && error.message.includes(NOT_HELD);
}

/** The answer of a call on another execution's object, or `absent` when that object holds none. */
async function unlessGone<T>(call: Promise<T>, absent: T): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (isNotHeld(error)) return absent;
    throw error;
  }
}

/** The D1 repositories of an ExecutionObject (made without I/O). */
interface Repositories {
  readonly executions: ExecutionIndex;
  readonly logs: LogIndex;
  readonly flows: FlowStore;
}

/** What an execution's object calls on its flow's FlowObject. */
interface FlowCounter {
  admit(
    executionId: string,
    concurrency: Concurrency,
  ): Promise<Extract<ExecutorEvent, { type: "execution.limited" }> | undefined>;
  release(executionId: string, concurrency: Concurrency): Promise<void>;
}

/** The running work of a step waiting for storage its renders read (see awaitLookups). */
const RENDER_LOOKUPS = "render lookups";

/** Executions read per page of the index while a purge looks for them. */
const PURGE_PAGE = 100;

/** How long before asking the flow's concurrency counter again after it could not be reached (ms). */
const GATE_RETRY_MS = 1_000;

/** What one execution's object calls on another's: a parent on its child, a child on its parent. */
interface ExecutionPeer {
  start(input: StartInput): Promise<unknown>;
  purgeLogLines(request: LogPurgeRequest): Promise<number>;
  delete(): Promise<void>;
  dropLogs(): Promise<number>;
  logs(): Promise<readonly LogLine[]>;
  kill(): Promise<unknown>;
  restartAsChild(): Promise<unknown>;
  childEnded(childId: string, report: string): Promise<void>;
}

/** An event waiting in the queue; `child` names the child execution whose start or end it applies. */
interface Queued {
  readonly event: ExecutorEvent;
  /** The instant it happens at when later than the clock (a timer's), epoch ms. */
  readonly now?: number;
  readonly child?: { readonly id: string; readonly state: ChildState };
}

/** How often, and after how long (ms, doubling), a child tries again to report its end to its parent. */
const REPORT_TRIES = 6;
const REPORT_BACKOFF_MS = 500;
/** Why a WorkingDirectory fails when its object restarted while its directory was open. */
const LOST_DIRECTORY =
  "The working directory was lost: the execution's Durable Object restarted (an eviction or a crash) while its tasks ran; restart the execution to run them again";

interface Held {
  readonly flow: Flow;
  readonly index: FlowIndex;
  state: ExecState;
  readonly logs: LogLine[];
  /** What the executor's renders of this execution read (kv(), secret(), read()...), made once. */
  renderOptions?: ExecutionRenderOptions;
}

/** While tasks run, an alarm this far ahead wakes the object again should it be evicted or crash. */
const WATCHDOG_MS = 30_000;

export class ExecutionObject extends DurableObject<Env> {
  private readonly store: ExecutionStore;
  private readonly engine = createEngine();
  private readonly services: TaskServices;
  private held: Held | undefined;
  private readonly queue: Queued[] = [];
  private draining = false;
  /** Tasks running in this instance, by task run id. */
  private readonly running = new Map<string, AbortController>();
  /** Bumped by reload(): results of tasks started before it are dropped. */
  private generation = 0;
  private idle: (() => void)[] = [];
  private readonly background = new Set<Promise<void>>();
  /** The executor's renders, which may read storage (src/runtime/step-renders.ts), and whether they wait for it. */
  private readonly renders = new StepRenders(this.engine);

  /** The instant of the last tick (epoch ms); see deps(). */
  private lastTick = 0;
  /** The alarm this instance armed (null: none; undefined: unknown, as after a start or a spent alarm). */
  private armed: { readonly at: number; readonly kind: "timer" | "watchdog" } | null | undefined;
  /** Callers waiting for the execution to end or pause (`wait=true`). */
  private done: ((execution: Execution) => void)[] = [];
  /** The summary key last sent to the execution index (see indexSummary). */
  private indexed: string | undefined;
  /** The summary the next index write sends; undefined when no write is waiting to start. */
  private toIndex: { readonly summary: Execution; readonly key: string } | undefined;
  /** The chain of index writes: each one starts after the previous one ended. */
  private indexWrites: Promise<void> = Promise.resolve();
  /** The D1 repositories this object reads and writes besides its own storage. */
  private readonly repositories: Repositories;
  /** How many of the execution's log lines the log index holds, and whether a write waits to start. */
  private logsIndexed = 0;
  private logWriteWaiting = false;
  /** Open WorkingDirectory directories, in this instance's memory. */
  private readonly directories: WorkingDirectories;
  /** Bumped whenever the execution or its logs may have changed; with `instance`, the version followers see. */
  private changeCount = 0;
  private readonly instance = newId();
  /** Followers waiting in changes() for the next change. */
  private changeWaiters: (() => void)[] = [];

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new ExecutionStore(ctx.storage);
    const storage = new R2BlobStore(env.STORAGE);
    const db = drizzle(env.DB);
    this.repositories = {
      executions: createSqlExecutionIndex(db),
      logs: createSqlLogIndex(db),
      flows: createSqlFlowStore(db),
    };
    this.services = {
      engine: this.engine,
      storage,
      kv: createSqlKvStore(db),
      secrets: workerSecrets(env),
      namespaceFiles: createSqlNamespaceFiles(db, storage),
      // Another execution's lines, from its own object (the D1 log index lags behind it).
      executionLogs: (id) => unlessGone(this.child(id).logs(), undefined),
      purgeExecutions: (request, asking) => this.purge(request, asking),
      purgeLogs: (request) => this.purgeLogs(request),
      now: () => new Date(),
      newId,
      schedule: (at, fire) => {
        const handle = setTimeout(fire, Math.max(0, at - Date.now()));
        return () => clearTimeout(handle);
      },
    };
    this.directories = new WorkingDirectories(storage, this.services.namespaceFiles);
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
    const execution = typeof input.execution === "string" ? parseTyped<Execution>(input.execution) : input.execution;
    if (this.held) {
      // A parent asking again after losing the answer (its reload) gets the child it started.
      if (this.held.state.execution.id === execution.id) return this.execution();
      throw new actions.ActionError(`Execution ${this.held.state.execution.id} is already started`);
    }
    const parsed = parseFlow(input.source, { registry });
    if (!parsed.ok) throw new Error(`Invalid flow: ${parsed.issues.map(describeIssue).join("; ")}`);
    const index = indexFlow(parsed.flow, registry);
    const state = createExecState(execution, (run) => index.task(run.taskId).group);
    this.held = { flow: parsed.flow, index, state, logs: [] };
    this.store.saveSource(input.source);
    if (input.parent) this.store.setMeta("parent", JSON.stringify(input.parent));
    this.store.commit(undefined, state);
    this.begin();
    return this.execution();
  }

  /** The execution as Kestra's API shows it (plain JSON: RPC cannot carry Java-typed values). */
  execution(): Execution {
    return toKestraJson(toExecution(this.hold().state));
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

  /**
   * The new execution a replay starts (from a task run, or from the start; Kestra's replay), or a
   * restart on another revision: typed JSON (src/util/typed-json.ts) for its own object to hold.
   */
  replayed(taskRunId: string | undefined, revision?: number): string {
    const held = this.hold();
    const options = { now: new Date().toISOString(), newId, ...(revision === undefined ? {} : { revision }) };
    return stringifyTyped(actions.replay(toExecution(held.state), held.index, taskRunId, options));
  }

  /** Restart on another revision: a new execution (typed JSON) from the failed task runs. */
  restartedOn(revision: number): string {
    const held = this.hold();
    const options = { now: new Date().toISOString(), newId, revision };
    return stringifyTyped(actions.restart(toExecution(held.state), held.index, options));
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
   * A child execution this one started reports its end (`childId`: its id). Applied once: a
   * report repeated after a lost answer is ignored. A ForEachItem batch's flow outputs are
   * written first where `_merge` reads them. Resolves once the end is committed here, so the
   * child may then stop reporting.
   */
  async childEnded(childId: string, report: SubflowEnded | string): Promise<void> {
    const held = this.hold();
    const ended = typeof report === "string" ? parseTyped<SubflowEnded>(report) : report;
    if (this.store.child(childId)?.state === "ended") return;
    const run = held.state.runs.get(ended.taskRunId);
    if (run) await storeBatchOutputs(this.services.storage, held.state.execution, run, ended);
    const row = this.store.child(childId);
    if (!row || row.state === "ended") return;
    if (row.state === "starting") {
      // The child ended before its start was answered here.
      const iteration = ended.iteration === undefined ? {} : { iteration: ended.iteration };
      this.push(
        { type: "subflow.started", taskRunId: ended.taskRunId, executionId: childId, ...iteration },
        undefined,
        { id: childId, state: "started" },
      );
    }
    this.push(ended, undefined, { id: childId, state: "ended" });
  }

  /** The executions this one created: its children (Subflow, ForEachItem batches) and its next retry attempt. */
  relatives(): { children: string[]; retriedAs?: string } {
    this.hold();
    const children = this.store.children({}).map((child) => child.id);
    const retriedAs = this.store.meta("retryStarted");
    return { children, ...(retriedAs === undefined ? {} : { retriedAs }) };
  }

  /**
   * The parent restarts this child for its restarted Subflow task run (restartBehavior
   * RETRY_FAILED): restarted from its failed task runs and labelled `system.restarted`; it
   * reports its end again.
   */
  restartAsChild(): Execution {
    const held = this.hold();
    this.store.setMeta("parentReported", "false");
    return this.act((state) => {
      const restarted = actions.restartAsChild(toExecution(state), held.index, new Date().toISOString());
      return createExecState(restarted, (run) => held.index.task(run.taskId).group);
    });
  }

  /**
   * Deletes the execution's log lines (a purge that keeps the execution): here, and in the
   * log index; how many there were.
   */
  async dropLogs(): Promise<number> {
    const held = this.hold();
    await this.indexWrites;
    const count = this.store.dropLogs();
    held.logs.length = 0;
    this.logsIndexed = 0;
    this.store.setMeta("logsIndexed", "0");
    await this.repositories.logs.deleteExecution(held.state.execution.id);
    this.changed();
    return count;
  }

  /**
   * Deletes the log lines a PurgeLogs asks for; how many. The lines left are indexed again
   * from the start (the index keys lines by position).
   */
  async purgeLogLines(request: LogPurgeRequest): Promise<number> {
    const held = this.hold();
    if (!purgesExecution(request, held.state.execution)) return 0;
    const kept = held.logs.filter((line) => !purgesLine(request, line));
    const count = held.logs.length - kept.length;
    if (count === 0) return 0;
    await this.indexWrites;
    this.store.replaceLogs(kept);
    held.logs.length = 0;
    for (const line of kept) held.logs.push(line);
    await this.repositories.logs.deleteExecution(held.state.execution.id);
    this.logsIndexed = 0;
    this.store.setMeta("logsIndexed", "0");
    this.indexLogs();
    this.changed();
    return count;
  }

  /**
   * Forgets the execution: running tasks stop, the alarm is cleared and the object's storage
   * is wiped, so every later call answers "No execution is held" (404 at the API). Waits for
   * index writes in flight first, so none lands after the caller removes the index row.
   */
  async delete(): Promise<void> {
    const held = this.hold();
    await this.indexWrites;
    // A slot of the flow's concurrency it held (or its place in the queue) goes back first.
    const slot = this.store.meta("slot");
    if (held.flow.concurrency && (slot === "held" || slot === "queued")) {
      await this.flowObject().release(held.state.execution.id, held.flow.concurrency);
    }
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
    const { state } = this.hold();
    const source = this.store.source();
    if (source === undefined) throw new Error(`The flow source of execution ${state.execution.id} is missing`);
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
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
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
    this.renders.applied();
    this.armed = undefined;
    this.held = undefined;
    this.directories.clear();
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
    // A directory open before lies in the memory that was lost: its WorkingDirectory fails.
    for (const command of this.store.openDirectories()) this.directories.lost(command.taskRunId, LOST_DIRECTORY);
    for (const command of again) this.runTask(command);
    for (const command of this.store.pendingLookups()) this.lookup(command);
    // Children asked for but not known to be held by their object are asked for again (same id).
    for (const child of this.store.children({ state: "starting" })) {
      if (child.command) this.startChild(child.id, child.command);
    }
    this.reportToParent();
    const slot = this.store.meta("slot");
    if (slot === "asking") this.begin();
    else if (isTerminated(state.execution.state.current)) this.releaseSlot();
    const retryNext = this.store.meta("retryNext");
    if (retryNext !== undefined && parseTyped<Execution>(retryNext).id !== this.store.meta("retryStarted")) {
      this.retryAsNewExecution();
    }
    this.armAlarm();
    // Written again only when the last write that succeeded was of another summary.
    this.indexed = this.store.meta("indexed");
    this.logsIndexed = Number(this.store.meta("logsIndexed") ?? 0);
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
    if (!this.held) throw new actions.ActionError(NOT_HELD);
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
    const answer = toKestraJson(toExecution(after));
    if (after.execution.state.current === "RESTARTED") this.begin();
    else this.indexSummary();
    return answer;
  }

  /**
   * Queues an event; `now` (epoch ms) is the instant it happens at when later than the clock
   * (a timer's); `child` names the child execution whose start or end the event applies.
   */
  private push(event: ExecutorEvent, now?: number, child?: Queued["child"]): void {
    this.queue.push({ event, ...(now === undefined ? {} : { now }), ...(child ? { child } : {}) });
    this.drain();
  }

  /** Applies the queued events in order; stops at one whose renders wait for storage values. */
  private drain(): void {
    if (this.draining || this.running.has(RENDER_LOOKUPS)) return;
    this.draining = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        if (this.apply(next)) continue;
        this.awaitLookups(next);
        break;
      }
    } finally {
      this.draining = false;
    }
    this.armAlarm();
    this.indexSummary();
    this.changed();
    this.settle();
    if (this.done.length > 0 && this.held && this.isDone()) {
      const execution = this.execution();
      for (const resolve of this.done.splice(0)) resolve(execution);
    }
  }

  /**
   * The instant of a tick: the clock, or a timer's instant when the alarm fired early (as the
   * tests fire it), and never before the previous tick's, so durations measured between ticks
   * (a retry's maxDuration) never run backwards.
   */
  private deps(held: Held, at?: number): StepDeps {
    this.lastTick = Math.max(Date.now(), at ?? 0, this.lastTick);
    return {
      now: new Date(this.lastTick).toISOString(),
      newId,
      random: Math.random,
      index: held.index,
      render: this.renders.renderer(this.renderOptions(held)),
    };
  }

  /** What the executor's and the tasks' renders of the execution read (kv(), secret(), read()...), made once. */
  private renderOptions(held: Held): ExecutionRenderOptions {
    const { execution } = held.state;
    held.renderOptions ??= {
      now: () => Temporal.Now.instant(),
      stores: executionRenderStores(this.services, execution, readableExecutions(execution), () => held.logs),
    };
    return held.renderOptions;
  }

  /**
   * The step of `queued` read storage its renders did not have (kv(), secret(), read()...):
   * nothing of it was applied; the values are loaded, then it runs again, first in the queue,
   * and the events behind it wait (see src/runtime/step-renders.ts).
   */
  private awaitLookups(queued: Queued): void {
    this.track(RENDER_LOOKUPS, this.renders.load(), () => {
      this.queue.unshift(queued);
      this.drain();
    });
  }

  /**
   * One tick: step, one transaction with everything it changed, then its commands. The start
   * or end of a child is applied once: repeated, it is dropped here.
   */
  private apply({ event, now: at, child }: Queued): boolean {
    const held = this.hold();
    if (child) {
      const recorded = this.store.child(child.id)?.state;
      if (recorded === undefined || recorded === "ended" || recorded === child.state) return true;
    }
    const before = held.state;
    const result = step(before, event, this.deps(held, at));
    if (this.renders.needsLookups()) return false;
    this.renders.applied();
    const changes: TickChanges = {
      ...tickChanges(event, result.commands, result.logs),
      directoriesOpened: result.commands.flatMap((command) => (command.type === "directory.open" ? [command] : [])),
      lookupsSent: result.commands.flatMap((command) => (command.type === "lookup" ? [command] : [])),
      ...(event.type === "lookup.done" ? { lookupAnswered: event.key } : {}),
      ...(event.type === "directory.closed" ? { directoriesClosed: [event.taskRunId] } : {}),
      childrenAsked: result.commands.flatMap((command) =>
        command.type === "subflow.start" ? [{ id: newId(), command }] : [],
      ),
      ...(child ? { childMarked: child } : {}),
    };
    this.store.commit(before, result.state, changes);
    held.state = result.state;
    for (const line of changes.logs ?? []) held.logs.push(line);
    const childIds = new Map(changes.childrenAsked?.map(({ id, command }) => [command, id]));
    for (const command of result.commands) this.carryOut(command, childIds.get(command as SubflowStart));
    return true;
  }

  /** Carries out a command of a committed tick; `childId` is the id chosen for a `subflow.start`'s child. */
  private carryOut(command: ExecutorCommand, childId?: string): void {
    switch (command.type) {
      case "task.run":
        this.runTask(command);
        return;
      case "task.kill":
        this.running.get(command.taskRunId)?.abort(new Error("killed"));
        return;
      case "lookup":
        this.lookup(command);
        return;
      case "timer.set":
      case "timer.cancel":
        // Written with the tick (tickChanges); the alarm follows the timer table.
        return;
      case "execution.ended":
        // Its timers went with the tick; a child reports its end to the task run waiting for it.
        this.reportToParent();
        this.releaseSlot();
        return;
      case "subflow.start":
        if (childId !== undefined) this.startChild(childId, command);
        return;
      case "subflow.kill":
        for (const child of this.store.children({ taskRunId: command.taskRunId })) {
          if (child.state === "started")
            void this.child(child.id)
              .kill()
              .catch(() => undefined);
        }
        return;
      case "subflow.restart":
        this.restartChild(command);
        return;
      case "directory.open": {
        const { execution } = this.hold().state;
        this.directories.openDirectory(command, execution, readableExecutions(execution), new Date());
        return;
      }
      case "directory.close":
        this.closeDirectory(command);
        return;
      case "execution.retry":
        this.retryAsNewExecution();
        return;
      default: {
        // Every command is carried out above: a new one fails to compile here.
        const unknown: never = command;
        throw new Error(`Unknown executor command ${JSON.stringify(unknown)}`);
      }
    }
  }

  private runTask(command: TaskRunCommand): void {
    const held = this.hold();
    const controller = new AbortController();
    const generation = this.generation;
    this.running.set(command.taskRunId, controller);
    const shared = command.workingDirectory === undefined ? undefined : this.directories.get(command.workingDirectory);
    const request: TaskRequest = {
      state: held.state,
      index: held.index,
      command,
      controller,
      ...(shared ? { shared } : {}),
      readable: readableExecutions(held.state.execution),
      logs: () => held.logs,
      stores: this.renderOptions(held).stores,
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
    const answer = answerLookup(this.services.storage, execution, readableExecutions(execution), command);
    this.track(`lookup ${command.key}`, answer, (done) => this.push(done));
  }

  // ---- flow concurrency ---------------------------------------------------------------------

  /**
   * Starts the execution, through its flow's concurrency gate when the flow has a `concurrency`
   * and the execution is about to start (new, or restarted after a failure): the flow's
   * FlowObject admits it, or the execution is queued, cancelled or failed. The question is
   * recorded first, and asked again after a reload until its answer is applied.
   */
  private begin(): void {
    const held = this.hold();
    const concurrency = held.flow.concurrency;
    if (!concurrency || !isGated(held.state.execution.state)) {
      this.push({ type: "execution.start" });
      return;
    }
    this.store.setMeta("slot", "asking");
    const admitted = this.flowObject()
      .admit(held.state.execution.id, concurrency)
      .then(
        (limited) => ({ limited }),
        (error: unknown) => ({ error: messageOf(error) }),
      );
    this.track("concurrency gate", admitted, (answer) => {
      if ("error" in answer) {
        this.logExecutionError(`Unable to reach the flow's concurrency counter (${answer.error}); asking again`);
        this.later(GATE_RETRY_MS, () => {
          if (this.store.meta("slot") === "asking") this.begin();
        });
        return;
      }
      const { limited } = answer;
      this.store.setMeta("slot", limited === undefined ? "held" : limited.behavior === "QUEUE" ? "queued" : "none");
      this.push(limited ?? { type: "execution.start" });
    });
  }

  /** The flow's concurrency counter lets the QUEUED execution start; false when it is not queued any more. */
  unqueue(): boolean {
    const held = this.hold();
    if (held.state.execution.state.current !== "QUEUED") return false;
    this.store.setMeta("slot", "held");
    this.push({ type: "execution.unqueued" });
    return true;
  }

  /** An ended execution that held a slot (or waited in the queue) gives it back, once. */
  private releaseSlot(): void {
    const held = this.hold();
    const concurrency = held.flow.concurrency;
    const slot = this.store.meta("slot");
    if (!concurrency || (slot !== "held" && slot !== "queued")) return;
    const generation = this.generation;
    const releasing = this.flowObject()
      .release(held.state.execution.id, concurrency)
      .then(
        () => {
          if (generation === this.generation) this.store.setMeta("slot", "released");
        },
        (error: unknown) => {
          if (generation !== this.generation) return;
          const reason = messageOf(error);
          this.logExecutionError(`Unable to give back the flow's concurrency slot (${reason}); trying again`);
          this.later(GATE_RETRY_MS, () => this.releaseSlot());
        },
      );
    this.inBackground(releasing);
  }

  private flowObject(): FlowCounter {
    const { namespace, flowId } = this.hold().state.execution;
    const name = concurrencyKey({ namespace, flowId });
    return this.env.FLOWS.get(this.env.FLOWS.idFromName(name)) as unknown as FlowCounter;
  }

  // ---- purge (the PurgeExecutions task) -----------------------------------------------------

  /**
   * Kestra's purge on Workers: the executions the D1 index finds (started at or after
   * startDate, ended at or before endDate, of the namespace and below, the flow, the states),
   * each deleted in its own object with its index rows, its log lines and its files as asked.
   */
  private async purge(request: PurgeRequest, asking: string): Promise<PurgeCounts> {
    const found: Execution[] = [];
    for (let page = 1; ; page++) {
      const { results } = await this.repositories.executions.search({ ...request, page, size: PURGE_PAGE });
      found.push(...results.filter((execution) => purgeMatches(execution, request, asking)));
      if (results.length < PURGE_PAGE) break;
    }
    let executionsCount = 0;
    let logsCount = 0;
    let storagesCount = 0;
    for (const execution of found) {
      const peer = this.child(execution.id);
      if (request.purgeLog) logsCount += await unlessGone(peer.dropLogs(), 0);
      if (request.purgeStorage) {
        storagesCount += await this.services.storage.deletePrefix(`${SCHEME}${executionPath(execution)}/`);
      }
      if (request.purgeExecution) {
        await unlessGone(peer.delete(), undefined);
        await this.repositories.executions.delete(execution.id);
        await this.repositories.logs.deleteExecution(execution.id);
        executionsCount++;
      }
    }
    return { executionsCount, logsCount, storagesCount };
  }

  /**
   * Kestra's PurgeLogs on Workers: the executions the D1 log index has matching lines of (and
   * the one named, and this one) delete them in their own objects, which index the rest again.
   */
  private async purgeLogs(request: LogPurgeRequest): Promise<number> {
    const ids = new Set(await this.repositories.logs.executionsWith(request));
    if (request.executionId !== undefined) ids.add(request.executionId);
    const self = this.hold().state.execution.id;
    ids.delete(self);
    let count = await this.purgeLogLines(request);
    for (const id of ids) {
      count += await unlessGone(this.child(id).purgeLogLines(request), 0);
    }
    return count;
  }

  // ---- child executions (Subflow, ForEachItem) ----------------------------------------------

  /** The object of another execution (a child, or this one's parent). */
  private child(id: string): ExecutionPeer {
    // Typed by the calls made (a stub's own type of this class would refer to itself).
    return this.env.EXECUTIONS.get(this.env.EXECUTIONS.idFromName(id)) as unknown as ExecutionPeer;
  }

  /**
   * Creates the child a `subflow.start` asks for, with the id recorded in the tick that asked,
   * in the child's own object; answers `subflow.started`, or `subflow.ended` FAILED naming why
   * it could not be created. Asked again after a reload, the child object answers with the
   * execution it already holds.
   */
  private startChild(id: string, command: SubflowStart): void {
    this.track(`child ${id}`, this.createChild(id, command), ({ event, child }) => this.push(event, undefined, child));
  }

  /** The answer to a `subflow.start`, once the child's object holds it or it cannot be created; never rejects. */
  private async createChild(
    id: string,
    command: SubflowStart,
  ): Promise<{ event: ExecutorEvent; child: NonNullable<Queued["child"]> }> {
    const iteration = command.iteration === undefined ? {} : { iteration: command.iteration };
    const failed = (error: string) => ({
      event: { type: "subflow.ended", taskRunId: command.taskRunId, state: "FAILED", error, ...iteration } as const,
      child: { id, state: "ended" } as const,
    });
    try {
      const stored = await this.repositories.flows.get(
        command.namespace,
        command.flowId,
        command.revision === undefined ? undefined : { revision: command.revision },
      );
      if (!stored || stored.deleted) return failed(flowNotFound(command));
      const parsed = parseFlow(stored.source, { registry });
      if (!parsed.ok) {
        const issues = parsed.issues.map(describeIssue).join("; ");
        return failed(`The flow '${command.namespace}'.'${command.flowId}' does not parse: ${issues}`);
      }
      const flow = { ...parsed.flow, revision: stored.revision };
      const created = await childExecution(flow, command, id, {
        engine: this.engine,
        files: this.services.storage,
        now: new Date().toISOString(),
      });
      if (!created.ok) return failed(created.error);
      const parent: ParentLink | undefined = command.wait
        ? {
            executionId: this.hold().state.execution.id,
            taskRunId: command.taskRunId,
            ...iteration,
            ...(command.outputs ? { outputs: command.outputs } : {}),
          }
        : undefined;
      await this.child(id).start({
        source: stored.source,
        execution: stringifyTyped(created.execution),
        ...(parent ? { parent } : {}),
      });
      return {
        event: { type: "subflow.started", taskRunId: command.taskRunId, executionId: id, ...iteration },
        child: { id, state: "started" },
      };
    } catch (error) {
      return failed(messageOf(error));
    }
  }

  /** Restarts the child a restarted Subflow task run had started; it reports its end again. */
  private restartChild(command: Extract<ExecutorCommand, { type: "subflow.restart" }>): void {
    this.store.markChild(command.executionId, "started", command.taskRunId);
    const restarted = this.child(command.executionId)
      .restartAsChild()
      .then(
        () => undefined,
        (error: unknown) => messageOf(error),
      );
    this.track(`child ${command.executionId}`, restarted, (error) => {
      if (error === undefined) return;
      this.push(
        {
          type: "subflow.ended",
          taskRunId: command.taskRunId,
          executionId: command.executionId,
          state: "FAILED",
          error: `Unable to restart the subflow execution: ${error}`,
        },
        undefined,
        { id: command.executionId, state: "ended" },
      );
    });
  }

  /**
   * A child execution that ended reports to the task run waiting for it (once committed there,
   * it is recorded as reported here). A failed report is tried again, later, and after a reload.
   */
  private reportToParent(attempt = 1): void {
    const link = this.store.meta("parent");
    if (link === undefined || this.store.meta("parentReported") === "true") return;
    const parent = JSON.parse(link) as ParentLink;
    const held = this.hold();
    const execution = held.state.execution;
    if (!isTerminated(execution.state.current)) return;
    const render = (template: string, variables: Readonly<Record<string, unknown>>) =>
      this.engine.renderValue(template, variables);
    const ended = childEndedEvent(held.state, held.flow, parent.taskRunId, parent.outputs, render);
    const report = parent.iteration === undefined ? ended : { ...ended, iteration: parent.iteration };
    const generation = this.generation;
    const sending = this.child(parent.executionId)
      .childEnded(execution.id, stringifyTyped(report))
      .then(
        () => {
          if (generation === this.generation) this.store.setMeta("parentReported", "true");
        },
        (error: unknown) => {
          if (generation !== this.generation) return;
          const reason = messageOf(error);
          if (attempt >= REPORT_TRIES) {
            this.logExecutionError(`Unable to report the end to the parent execution ${parent.executionId}: ${reason}`);
            return;
          }
          this.later(REPORT_BACKOFF_MS * 2 ** (attempt - 1), () => this.reportToParent(attempt + 1));
        },
      );
    this.inBackground(sending);
  }

  /**
   * The next attempt of an execution that ended RETRIED (retry `behavior: CREATE_NEW_EXECUTION`):
   * Kestra's replay with a new id, `parentId` this execution, in its own object. The new
   * execution is recorded here before its object is asked to hold it, and asked again after a
   * reload until it answered.
   */
  private retryAsNewExecution(): void {
    const held = this.hold();
    const recorded = this.store.meta("retryNext");
    const next = recorded
      ? parseTyped<Execution>(recorded)
      : actions.replay(toExecution(held.state), held.index, undefined, { now: new Date().toISOString(), newId });
    if (!recorded) this.store.setMeta("retryNext", stringifyTyped(next));
    const started = this.child(next.id)
      .start({ source: this.source(), execution: stringifyTyped(next) })
      .then(
        () => undefined,
        (error: unknown) => messageOf(error),
      );
    this.track(`retry ${next.id}`, started, (error) => {
      if (error === undefined) this.store.setMeta("retryStarted", next.id);
      else this.logExecutionError(`Unable to create the next execution ${next.id} of the retry: ${error}`);
    });
  }

  /** Uploads a WorkingDirectory's output files and cache, drops its directory and answers `directory.closed`. */
  private closeDirectory(command: Extract<ExecutorCommand, { type: "directory.close" }>): void {
    const { execution, runs } = this.hold().state;
    const closed = this.directories.closeDirectory(command, execution, runs.get(command.taskRunId), new Date());
    this.track(`directory ${command.taskRunId}`, closed, (event) => this.push(event));
  }

  /** An ERROR line on the execution itself (no task run), stored at once. */
  private logExecutionError(message: string): void {
    const held = this.hold();
    const line: LogLine = { level: "ERROR", message, timestamp: new Date().toISOString() };
    this.store.commit(held.state, held.state, { logs: [line] });
    held.logs.push(line);
    this.changed();
    this.indexLogs();
  }

  /**
   * Host work the executor waits for (a lookup, a child being created, a directory closing...):
   * named `key` among the running work, so that settled() and the watchdog alarm see it; `then`
   * gets its result unless the object reloaded meanwhile. The work never rejects.
   */
  private track<T>(key: string, work: Promise<T>, then: (value: T) => void): void {
    const generation = this.generation;
    this.running.set(key, new AbortController());
    void work.then((value) => {
      if (generation !== this.generation) return;
      this.running.delete(key);
      then(value);
      this.settle();
    });
  }

  /** Runs `retry` after `ms`, unless the object reloaded meanwhile (a reload asks again itself). */
  private later(ms: number, retry: () => void): void {
    const generation = this.generation;
    setTimeout(() => {
      if (generation === this.generation) retry();
    }, ms);
  }

  /** Work after the execution's end (reports, slots given back): kept alive, and awaited by settled(). */
  private inBackground(work: Promise<void>): void {
    this.background.add(work);
    void work.finally(() => this.background.delete(work));
    this.ctx.waitUntil(work);
  }

  /** Callers of settled() go on once nothing runs here. */
  private settle(): void {
    if (this.running.size === 0) for (const resolve of this.idle.splice(0)) resolve();
  }

  /**
   * Sends the execution's summary to the index when its state or labels changed since the
   * last one sent. Writes run one after the other off the hot path; a write not started yet
   * takes the newest summary, so a burst of changes costs few writes. A failed write is
   * logged: the index is a view, and the execution goes on.
   */
  private indexSummary(): void {
    this.indexLogs();
    if (!this.held) return;
    const { execution } = this.held.state;
    const key = `${execution.state.current}|${execution.state.histories.length}|${JSON.stringify(execution.labels)}|${execution.deleted}`;
    if (key === this.indexed) return;
    this.indexed = key;
    const waiting = this.toIndex !== undefined;
    this.toIndex = { summary: toExecution(this.held.state), key };
    if (waiting) return;
    this.indexWrites = this.indexWrites.then(async () => {
      const next = this.toIndex;
      this.toIndex = undefined;
      if (next === undefined) return;
      const { summary } = next;
      try {
        await this.repositories.executions.upsert(summary);
        // Kept, so that waking up again (an alarm, an eviction) writes only what changed.
        if (this.held) this.store.setMeta("indexed", next.key);
      } catch (error) {
        console.error(`Indexing execution ${summary.id} (${summary.state.current}) failed:`, error);
      }
    });
    this.ctx.waitUntil(this.indexWrites);
  }

  /**
   * Copies the log lines not yet in the log index (D1, for the search across executions) off
   * the hot path, on the same chain as the summaries: a write not started yet takes every line
   * there is when it starts. Lines are keyed by position, so writing them again is harmless;
   * how far the index got is kept, so a reload carries on from there.
   */
  private indexLogs(): void {
    const held = this.held;
    if (!held || this.logWriteWaiting || this.logsIndexed >= held.logs.length) return;
    this.logWriteWaiting = true;
    const { id, namespace, flowId } = held.state.execution;
    this.indexWrites = this.indexWrites.then(async () => {
      this.logWriteWaiting = false;
      const from = this.logsIndexed;
      const lines = held.logs.slice(from);
      if (lines.length === 0 || held !== this.held) return;
      try {
        await this.repositories.logs.append({ execution: { id, namespace, flowId }, from, lines });
        if (held !== this.held) return;
        this.logsIndexed = Math.max(this.logsIndexed, from + lines.length);
        this.store.setMeta("logsIndexed", String(this.logsIndexed));
      } catch (error) {
        console.error(`Indexing the logs of execution ${id} failed:`, error);
      }
    });
    this.ctx.waitUntil(this.indexWrites);
  }

  /**
   * One alarm: the earliest timer (never at or before now: see DESIGN.md §7), or sooner a
   * watchdog while tasks run (see alarm()).
   */
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
