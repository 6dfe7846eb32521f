/**
 * The in-process host: carries out the executor's commands in this process for any number
 * of executions (a parent and its subflows), with a real clock or a fake one (which jumps
 * to the next timer as soon as nothing else is running). Tests, the CLI and the benchmarks
 * run flows through it; semantics come from step() and the actions alone.
 */

import { Temporal } from "temporal-polyfill";
import * as actions from "../executor/actions.js";
import { childEnded } from "../executor/child-result.js";
import { admit, concurrencyKey, freeSlots, isGated } from "../executor/concurrency.js";
import { createExecState, type ExecState, toExecution } from "../executor/exec-state.js";
import { type FlowIndex, indexFlow } from "../executor/flow-index.js";
import type { Execution, ExecutionTrigger, Label, StateType } from "../executor/model.js";
import { isTerminated } from "../executor/model.js";
import { newExecution } from "../executor/new-execution.js";
import type { ExecutorCommand, ExecutorEvent, LogLine } from "../executor/protocol.js";
import { type StepDeps, step } from "../executor/step.js";
import type { ExpressionEngine } from "../expression/engine.js";
import type { RenderStores } from "../expression/extension.js";
import type { Flow } from "../flow/model.js";
import type { PluginRegistry } from "../plugin/registry.js";
import { childExecution, readableExecutions, storeBatchOutputs } from "../runtime/child-execution.js";
import { type PurgeCounts, type PurgeRequest, purgeMatches } from "../runtime/execution-purge.js";
import { type LogPurgeRequest, purgesExecution, purgesLine } from "../runtime/log-purge.js";
import { answerLookup } from "../runtime/lookup.js";
import { onResumeValues } from "../runtime/resume-inputs.js";
import {
  type ExecutionRenderOptions,
  executionRenderStores,
  runTask,
  type TaskRequest,
  type TaskServices,
} from "../runtime/run-task.js";
import { StepRenders } from "../runtime/step-renders.js";
import { WorkingDirectories } from "../runtime/working-directories.js";
import { type BlobStore, executionPath, MemoryBlobStore, SCHEME } from "../storage/internal.js";
import { type KvStore, memoryKvStore } from "../storage/kv-store.js";
import { memoryNamespaceFiles, type NamespaceFiles } from "../storage/namespace-files.js";
import type { SecretStore } from "../storage/secrets.js";
import { messageOf } from "../util/errors.js";
import { newId } from "../util/ids.js";
import { type Clock, realClock } from "./clock.js";

export interface LocalHostOptions {
  readonly registry: PluginRegistry;
  readonly engine: ExpressionEngine;
  readonly clock?: Clock;
  readonly ids?: () => string;
  readonly random?: () => number;
  /** `kestra.encryption.secret-key`: SECRET inputs and encrypted outputs need it. */
  readonly secretKey?: string;
  /** Storage the expression functions read (kv, secret, read...), over what the stores below give. */
  readonly stores?: RenderStores;
  /** The KV store (kv tasks, `kv()`); in memory by default, libSQL through src/storage/sql/kv-repository.ts. */
  readonly kv?: KvStore;
  /** Secrets (`secret()`, masked in logs): `secretsFromEnv(process.env)` reads `SECRET_*` as Kestra does; none by default. */
  readonly secrets?: SecretStore;
  /** Internal storage (`kestra:///` files: FILE inputs, task outputs); in memory by default. */
  readonly storage?: BlobStore;
  /**
   * Namespace files (the namespace tasks, `read()`, a WorkingDirectory's `namespaceFiles`); in
   * memory over `storage` by default, libSQL through src/storage/sql/namespace-files-repository.ts.
   */
  readonly namespaceFiles?: NamespaceFiles;
  /** Every log line, as it happens (the execution is built only when asked for: it costs O(task runs)). */
  readonly onLog?: (line: LogLine, execution: () => Execution) => void;
  /** Every state change of an execution, after each step. */
  readonly onChange?: (execution: () => Execution) => void;
}

export interface RunOptions {
  /** The execution's id, when it was chosen before (its FILE inputs are stored under it). */
  readonly id?: string;
  readonly inputs?: Readonly<Record<string, unknown>>;
  readonly labels?: readonly Label[];
  /** Start the execution at this instant (ISO) rather than now: it stays CREATED until then. */
  readonly scheduleDate?: string;
  /** What started it (a webhook's request...): the execution's `trigger`, its `trigger` variables. */
  readonly trigger?: ExecutionTrigger;
}

export interface RunResult {
  readonly execution: Execution;
  readonly logs: readonly LogLine[];
}

/** One execution held by the host. */
interface Slot {
  readonly flow: Flow;
  readonly index: FlowIndex;
  state: ExecState;
  readonly logs: LogLine[];
  readonly running: Map<string, AbortController>;
  /** The Subflow task run waiting for this execution, with its deprecated `outputs` templates. */
  readonly parent?: {
    readonly executionId: string;
    readonly taskRunId: string;
    readonly outputs?: Record<string, unknown>;
    readonly iteration?: number;
    /** False when the task run does not wait for the child's end. */
    readonly wait?: boolean;
  };
  /** What the executor's renders of this execution read (kv(), secret(), read()...), made once. */
  renderOptions?: ExecutionRenderOptions;
}

interface Timer {
  readonly executionId: string;
  readonly timerId: string;
  readonly at: number;
  readonly cancel: () => void;
}

export class LocalHost {
  private readonly clock: Clock;
  private readonly ids: () => string;
  private readonly storage: BlobStore;
  /** Deployed flows by `namespace/id`, every revision. */
  private readonly flows = new Map<string, Flow[]>();
  private readonly slots = new Map<string, Slot>();
  private readonly queue: { readonly executionId: string; readonly event: ExecutorEvent }[] = [];
  private readonly timers = new Map<string, Timer>();
  /** Flow concurrency by `namespace/id`: the executions holding a slot, and the queued ones, oldest first. */
  private readonly concurrency = new Map<string, { readonly holders: Set<string>; readonly queued: string[] }>();
  /** Open WorkingDirectory directories by task run id, ready once their input files are in. */
  private readonly directories: WorkingDirectories;
  /** Tasks running and host work in flight (a subflow being created). */
  private pending = 0;
  private wake: (() => void) | undefined;
  private readonly taskServices: TaskServices;
  /** The executor's renders, which may read storage (see src/runtime/step-renders.ts). */
  private readonly renders: StepRenders;

  constructor(private readonly options: LocalHostOptions) {
    this.clock = options.clock ?? realClock();
    this.ids = options.ids ?? newId;
    this.storage = options.storage ?? new MemoryBlobStore();
    this.renders = new StepRenders(options.engine);
    const namespaceFiles =
      options.namespaceFiles ?? memoryNamespaceFiles(this.storage, { now: () => this.clock.now() });
    this.directories = new WorkingDirectories(this.storage, namespaceFiles);
    this.taskServices = {
      engine: options.engine,
      storage: this.storage,
      kv: options.kv ?? memoryKvStore({ now: () => this.clock.now() }),
      ...(options.secrets ? { secrets: options.secrets } : {}),
      namespaceFiles,
      executionLogs: async (id) => this.slots.get(id)?.logs,
      purgeExecutions: (request, asking) => this.purge(request, asking),
      purgeLogs: async (request) => this.purgeLogs(request),
      ...(options.stores ? { stores: options.stores } : {}),
      ...(options.secretKey ? { secretKey: options.secretKey } : {}),
      now: () => this.clock.now(),
      newId: this.ids,
      schedule: (at, fire) => this.clock.schedule(at, fire),
    };
  }

  // ---- flows ------------------------------------------------------------------------------

  /** Deploys a flow (a new revision when one with its namespace and id exists); subflows find it here. */
  deploy(flow: Flow): Flow {
    const key = `${flow.namespace}/${flow.id}`;
    const revisions = this.flows.get(key) ?? [];
    const deployed = { ...flow, revision: flow.revision ?? revisions.length + 1 };
    this.flows.set(key, [...revisions.filter((f) => f.revision !== deployed.revision), deployed]);
    return deployed;
  }

  /** A deployed flow: the given revision, or the latest. */
  flow(namespace: string, id: string, revision?: number): Flow | undefined {
    const revisions = this.flows.get(`${namespace}/${id}`) ?? [];
    return revision === undefined
      ? revisions.reduce<Flow | undefined>((a, b) => (!a || (b.revision ?? 0) > (a.revision ?? 0) ? b : a), undefined)
      : revisions.find((f) => f.revision === revision);
  }

  // ---- executions -------------------------------------------------------------------------

  /** Runs a flow until everything it started is done (or waits for a manual resume). */
  async run(flow: Flow, run: RunOptions = {}): Promise<RunResult> {
    const id = this.start(flow, run);
    await this.settle();
    const execution = this.execution(id);
    const current = execution.state.current;
    if (!isTerminated(current) && current !== "PAUSED" && current !== "QUEUED") {
      throw new Error(`execution ${id} is stuck in ${current}: nothing running and no timer set`);
    }
    return { execution, logs: this.logs(id) };
  }

  /** Creates an execution of a flow and queues its start; returns its id. */
  start(flow: Flow, run: RunOptions = {}): string {
    if (!this.flow(flow.namespace, flow.id)) this.deploy(flow);
    const execution = newExecution({
      id: run.id ?? this.ids(),
      flow,
      now: this.now(),
      ...(run.inputs ? { inputs: run.inputs } : {}),
      ...(run.labels ? { labels: run.labels } : {}),
      ...(run.scheduleDate ? { scheduleDate: run.scheduleDate } : {}),
      ...(run.trigger ? { trigger: run.trigger } : {}),
    });
    this.open(flow, execution);
    return execution.id;
  }

  /**
   * Carries out events, tasks and timers until `until` holds or nothing is left to do: no
   * event queued, no task running and (with a fake clock) no timer set.
   */
  async settle(until?: () => boolean): Promise<void> {
    while (!until?.()) {
      const next = this.queue.shift();
      if (next) {
        const lookups = this.apply(next.executionId, next.event);
        // The step's renders read storage: the values are loaded, then the same event runs again.
        if (lookups) await lookups;
        continue;
      }
      if (this.pending === 0) {
        if (this.timers.size === 0) return;
        if (this.clock.fake) {
          this.fireNextTimer();
          continue;
        }
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  execution(id: string): Execution {
    return toExecution(this.slot(id).state);
  }

  logs(id: string): readonly LogLine[] {
    return this.slot(id).logs;
  }

  /** Every execution the host holds, in creation order. */
  executions(): Execution[] {
    return [...this.slots.values()].map((slot) => toExecution(slot.state));
  }

  /** Kill: the execution goes KILLING at once; tasks, timers and child executions are stopped. */
  kill(id: string): Execution {
    const slot = this.slot(id);
    const current = slot.state.execution.state.current;
    if (isTerminated(current) || current === "KILLING") {
      throw new actions.ActionError(`Execution is already ${current === "KILLING" ? "being killed" : "terminated"}`);
    }
    void this.apply(id, { type: "execution.kill" });
    return this.execution(id);
  }

  /** Resume a paused execution, validating the onResume inputs of its Pause; returns it RESTARTED. */
  async resume(
    id: string,
    options: {
      readonly inputs?: Readonly<Record<string, unknown>> | null;
      readonly state?: "RUNNING" | "KILLING";
    } = {},
  ): Promise<Execution> {
    const slot = this.slot(id);
    const onResume = await onResumeValues(slot.state, slot.index, options.inputs, {
      engine: this.options.engine,
      files: this.storage,
    });
    return this.act(id, (state) =>
      actions.resume(state, slot.index, {
        now: this.now(),
        ...(options.state ? { state: options.state } : {}),
        ...(onResume ? { onResume } : {}),
      }),
    );
  }

  /** Mark a task run as a state (its ancestors go back to RUNNING); returns the execution RESTARTED. */
  markAs(id: string, taskRunId: string, state: StateType): Execution {
    const slot = this.slot(id);
    return this.act(id, (current) => actions.markAs(current, slot.index, { taskRunId, state, now: this.now() }));
  }

  /** Give a terminated execution another terminal state. */
  changeStatus(id: string, state: StateType): Execution {
    return this.act(id, (current) => actions.changeStatus(current, state, this.now()), false);
  }

  /** Restart from the failed task runs: the same execution, or a new one on another revision. */
  restart(id: string, options: { readonly revision?: number } = {}): Execution {
    const slot = this.slot(id);
    const flow =
      options.revision === undefined ? slot.flow : this.flow(slot.flow.namespace, slot.flow.id, options.revision);
    if (!flow) throw new actions.ActionError(`Unable to find flow revision ${String(options.revision)}`);
    const restarted = actions.restart(toExecution(slot.state), slot.index, {
      now: this.now(),
      ...(options.revision !== undefined ? { revision: options.revision, newId: this.ids } : {}),
    });
    if (restarted.id === id) {
      slot.state = createExecState(restarted, (run) => slot.index.task(run.taskId).group);
      this.push(id, { type: "execution.start" });
      return restarted;
    }
    this.open(flow, restarted);
    return restarted;
  }

  /** Replay as a new execution, from a task run or from the start. */
  replay(id: string, taskRunId?: string, options: { readonly revision?: number } = {}): Execution {
    const slot = this.slot(id);
    const flow =
      options.revision === undefined ? slot.flow : this.flow(slot.flow.namespace, slot.flow.id, options.revision);
    if (!flow) throw new actions.ActionError(`Unable to find flow revision ${String(options.revision)}`);
    const replayed = actions.replay(toExecution(slot.state), slot.index, taskRunId, {
      now: this.now(),
      newId: this.ids,
      ...(options.revision !== undefined ? { revision: options.revision } : {}),
    });
    this.open(flow, replayed);
    return replayed;
  }

  // ---- the loop ---------------------------------------------------------------------------

  private now(): string {
    return this.clock.now().toISOString();
  }

  private slot(id: string): Slot {
    const slot = this.slots.get(id);
    if (!slot) throw new actions.ActionError(`Execution ${id} not found`);
    return slot;
  }

  /** Holds a new execution and queues its start. */
  private open(flow: Flow, execution: Execution, parent?: Slot["parent"]): Slot {
    const index = indexFlow(flow, this.options.registry);
    const slot: Slot = {
      flow,
      index,
      state: createExecState(execution, (run) => index.task(run.taskId).group),
      logs: [],
      running: new Map(),
      ...(parent ? { parent } : {}),
    };
    this.slots.set(execution.id, slot);
    this.push(execution.id, { type: "execution.start" });
    return slot;
  }

  /** Applies an action to an execution, keeps the result and lets the executor carry on. */
  private act(id: string, action: (state: ExecState) => ExecState, resume = true): Execution {
    const slot = this.slot(id);
    slot.state = action(slot.state);
    this.options.onChange?.(() => toExecution(slot.state));
    if (resume && slot.state.execution.state.current === "RESTARTED") {
      this.push(id, { type: "execution.start" });
    }
    return toExecution(slot.state);
  }

  /** The options of the executor's renders of an execution: its stores (kv, secrets, files, logs) and the clock. */
  private renderOptions(slot: Slot): ExecutionRenderOptions {
    slot.renderOptions ??= {
      now: () => Temporal.Instant.fromEpochMilliseconds(this.clock.now().getTime()),
      stores: executionRenderStores(
        this.taskServices,
        slot.state.execution,
        readableExecutions(slot.state.execution),
        () => slot.logs,
      ),
    };
    return slot.renderOptions;
  }

  private deps(slot: Slot): StepDeps {
    return {
      now: this.now(),
      newId: this.ids,
      random: this.options.random ?? Math.random,
      index: slot.index,
      render: this.renders.renderer(this.renderOptions(slot)),
      ...(this.options.secretKey ? { host: { secretKey: this.options.secretKey } } : {}),
    };
  }

  private push(executionId: string, event: ExecutorEvent): void {
    this.queue.push({ executionId, event });
    this.notify();
  }

  /** Wakes the loop waiting in settle(). */
  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /**
   * One step of an execution. When its renders missed storage values, nothing is applied: the
   * promise loads them and queues the same event first again.
   */
  private apply(executionId: string, event: ExecutorEvent): Promise<void> | undefined {
    const slot = this.slots.get(executionId);
    if (!slot) return undefined;
    const input = event.type === "execution.start" ? this.gate(slot) : event;
    const result = step(slot.state, input, this.deps(slot));
    if (this.renders.needsLookups()) {
      return this.renders.load().then(() => {
        this.queue.unshift({ executionId, event: input });
      });
    }
    this.renders.applied();
    slot.state = result.state;
    for (const line of result.logs) this.emitLog(slot, line);
    this.options.onChange?.(() => toExecution(slot.state));
    for (const command of result.commands) this.carryOut(slot, command);
  }

  private emitLog(slot: Slot, line: LogLine): void {
    slot.logs.push(line);
    this.options.onLog?.(line, () => toExecution(slot.state));
  }

  private carryOut(slot: Slot, command: ExecutorCommand): void {
    const executionId = slot.state.execution.id;
    switch (command.type) {
      case "task.run":
        this.runTask(slot, command);
        return;
      case "task.kill":
        slot.running.get(command.taskRunId)?.abort(new Error("killed"));
        return;
      case "timer.set": {
        const key = `${executionId} ${command.timerId}`;
        this.timers.get(key)?.cancel();
        const at = Date.parse(command.at);
        const cancel = this.clock.fake
          ? () => undefined
          : this.clock.schedule(at, () => {
              this.timers.delete(key);
              this.push(executionId, { type: "timer.fired", timerId: command.timerId });
            });
        this.timers.set(key, { executionId, timerId: command.timerId, at, cancel });
        return;
      }
      case "timer.cancel": {
        const key = `${executionId} ${command.timerId}`;
        this.timers.get(key)?.cancel();
        this.timers.delete(key);
        return;
      }
      case "subflow.start":
        this.startChild(slot, command);
        return;
      case "subflow.restart":
        this.restartChild(executionId, command);
        return;
      case "subflow.kill":
        // Kestra finds the children to kill by their trigger: here, by the task run that started them.
        for (const [childId, child] of this.slots) {
          const current = child.state.execution.state.current;
          if (child.parent?.executionId !== executionId || child.parent.taskRunId !== command.taskRunId) continue;
          if (!isTerminated(current) && current !== "KILLING") this.push(childId, { type: "execution.kill" });
        }
        return;
      case "lookup":
        this.lookup(executionId, command);
        return;
      case "directory.open":
        this.openDirectory(slot, command);
        return;
      case "directory.close":
        this.closeDirectory(slot, command);
        return;
      case "execution.ended":
        this.release(slot);
        for (const [key, timer] of this.timers) {
          if (timer.executionId !== executionId) continue;
          timer.cancel();
          this.timers.delete(key);
        }
        // Only a task run waiting for its child hears of its end (a ForEachItem without wait
        // counted the batch done when it was created).
        if (slot.parent && slot.parent.wait !== false) {
          const render = (template: string, variables: Readonly<Record<string, unknown>>) =>
            this.options.engine.renderValue(template, variables);
          const ended = childEnded(slot.state, slot.flow, slot.parent.taskRunId, slot.parent.outputs, render);
          const iteration = slot.parent.iteration;
          if (iteration === undefined) this.push(slot.parent.executionId, ended);
          else this.batchEnded(slot.parent.executionId, { ...ended, iteration });
        }
        return;
      case "execution.retry": {
        // The next attempt of a RETRIED execution: Kestra replays it from the start.
        const next = actions.replay(toExecution(slot.state), slot.index, undefined, {
          now: this.now(),
          newId: this.ids,
        });
        this.open(slot.flow, next);
        return;
      }
      default:
        return;
    }
  }

  // ---- purge ------------------------------------------------------------------------------

  /** Kestra's purge over the executions this host holds (see src/runtime/execution-purge.ts). */
  private async purge(request: PurgeRequest, asking: string): Promise<PurgeCounts> {
    let executionsCount = 0;
    let logsCount = 0;
    let storagesCount = 0;
    for (const [id, slot] of [...this.slots]) {
      const execution = toExecution(slot.state);
      if (!purgeMatches(execution, request, asking)) continue;
      if (request.purgeLog) {
        logsCount += slot.logs.length;
        slot.logs.length = 0;
      }
      if (request.purgeStorage)
        storagesCount += await this.storage.deletePrefix(`${SCHEME}${executionPath(execution)}/`);
      if (request.purgeExecution) {
        for (const controller of slot.running.values()) controller.abort(new Error("killed: the execution was purged"));
        this.slots.delete(id);
        executionsCount++;
      }
    }
    return { executionsCount, logsCount, storagesCount };
  }

  /** Kestra's PurgeLogs over the executions this host holds (see src/runtime/log-purge.ts). */
  private purgeLogs(request: LogPurgeRequest): number {
    let count = 0;
    for (const slot of this.slots.values()) {
      if (!purgesExecution(request, slot.state.execution)) continue;
      const kept = slot.logs.filter((line) => !purgesLine(request, line));
      count += slot.logs.length - kept.length;
      slot.logs.length = 0;
      for (const line of kept) slot.logs.push(line);
    }
    return count;
  }

  // ---- flow concurrency ------------------------------------------------------------------

  /** The flow's latest revision: its `concurrency` governs every execution of the flow. */
  private latest(slot: Slot): Flow {
    return this.flow(slot.flow.namespace, slot.flow.id) ?? slot.flow;
  }

  /** An execution about to start takes a slot of its flow, or is queued, cancelled or failed. */
  private gate(slot: Slot): ExecutorEvent {
    const start: ExecutorEvent = { type: "execution.start" };
    const execution = slot.state.execution;
    const concurrency = this.latest(slot).concurrency;
    if (!concurrency || !isGated(execution.state)) return start;
    const key = concurrencyKey(execution);
    const entry = this.concurrency.get(key) ?? { holders: new Set<string>(), queued: [] };
    this.concurrency.set(key, entry);
    if (entry.holders.has(execution.id)) return start;
    const limited = admit(concurrency, entry.holders.size);
    if (!limited) entry.holders.add(execution.id);
    else if (limited.behavior === "QUEUE") entry.queued.push(execution.id);
    return limited ?? start;
  }

  /** An execution ended: it leaves the queue, and a slot it held goes to the oldest queued executions. */
  private release(slot: Slot): void {
    const execution = slot.state.execution;
    const entry = this.concurrency.get(concurrencyKey(execution));
    if (!entry) return;
    const queued = entry.queued.indexOf(execution.id);
    if (queued >= 0) entry.queued.splice(queued, 1);
    if (!entry.holders.delete(execution.id)) return;
    for (let free = freeSlots(this.latest(slot).concurrency, entry.holders.size); free > 0; free--) {
      const next = entry.queued.shift();
      if (next === undefined) return;
      entry.holders.add(next);
      this.push(next, { type: "execution.unqueued" });
    }
  }

  private fireNextTimer(): void {
    let next: [string, Timer] | undefined;
    for (const entry of this.timers) if (!next || entry[1].at < next[1].at) next = entry;
    if (!next) return;
    const [key, timer] = next;
    this.timers.delete(key);
    this.clock.advanceTo?.(timer.at);
    this.queue.push({ executionId: timer.executionId, event: { type: "timer.fired", timerId: timer.timerId } });
  }

  // ---- subflows ---------------------------------------------------------------------------

  /** A ForEachItem batch ended: its flow outputs are stored for `_merge`, then the parent hears of it. */
  private batchEnded(parentId: string, ended: Extract<ExecutorEvent, { type: "subflow.ended" }>): void {
    const parent = this.slots.get(parentId);
    const run = parent?.state.runs.get(ended.taskRunId);
    if (!parent || !run) {
      this.push(parentId, ended);
      return;
    }
    this.pending++;
    void storeBatchOutputs(this.storage, parent.state.execution, run, ended)
      .then(
        () => this.push(parentId, ended),
        (error: unknown) =>
          this.push(parentId, { ...ended, error: `Unable to store the subflow outputs: ${String(error)}` }),
      )
      .finally(() => {
        this.pending--;
        this.notify();
      });
  }

  /** Restarts a failed child execution for its restarted Subflow task run, labelled system.restarted. */
  private restartChild(parentId: string, command: Extract<ExecutorCommand, { type: "subflow.restart" }>): void {
    const child = this.slots.get(command.executionId);
    try {
      if (!child) throw new Error(`The child execution ${command.executionId} is not found`);
      const restarted = actions.restartAsChild(toExecution(child.state), child.index, this.now());
      child.state = createExecState(restarted, (run) => child.index.task(run.taskId).group);
      this.push(command.executionId, { type: "execution.start" });
    } catch (error) {
      this.push(parentId, {
        type: "subflow.ended",
        taskRunId: command.taskRunId,
        executionId: command.executionId,
        state: "FAILED",
        error: `Unable to restart the subflow execution: ${messageOf(error)}`,
      });
    }
  }

  /** Creates the child execution a Subflow asks for: the flow must exist and be enabled, inputs valid. */
  private startChild(parent: Slot, command: Extract<ExecutorCommand, { type: "subflow.start" }>): void {
    const parentId = parent.state.execution.id;
    const iteration = command.iteration === undefined ? {} : { iteration: command.iteration };
    const fail = (error: string) =>
      this.push(parentId, {
        type: "subflow.ended",
        taskRunId: command.taskRunId,
        state: "FAILED",
        error,
        ...iteration,
      });
    const flow = this.flow(command.namespace, command.flowId, command.revision);
    const id = this.ids();
    this.pending++;
    void childExecution(flow, command, id, { engine: this.options.engine, files: this.storage, now: this.now() })
      .then((created) => {
        if (!created.ok) {
          fail(created.error);
          return;
        }
        this.open(created.flow, created.execution, {
          executionId: parentId,
          taskRunId: command.taskRunId,
          wait: command.wait,
          ...(command.outputs ? { outputs: { ...command.outputs } } : {}),
          ...iteration,
        });
        this.push(parentId, { type: "subflow.started", taskRunId: command.taskRunId, executionId: id, ...iteration });
      })
      .catch((error: unknown) => fail(messageOf(error)))
      .finally(() => {
        this.pending--;
        this.notify();
      });
  }

  /** Reads what the executor asked for (a file of the execution) and answers with `lookup.done`. */
  private lookup(executionId: string, command: Extract<ExecutorCommand, { type: "lookup" }>): void {
    const slot = this.slot(executionId);
    this.pending++;
    void answerLookup(this.storage, slot.state.execution, readableExecutions(slot.state.execution), command)
      .then((answer) => this.push(executionId, answer))
      .finally(() => {
        this.pending--;
        this.notify();
      });
  }

  // ---- working directories ----------------------------------------------------------------

  /** Creates a WorkingDirectory's shared directory; its tasks wait until its input files are in. */
  private openDirectory(slot: Slot, command: Extract<ExecutorCommand, { type: "directory.open" }>): void {
    this.directories.openDirectory(
      command,
      slot.state.execution,
      readableExecutions(slot.state.execution),
      this.clock.now(),
    );
  }

  /** Uploads a WorkingDirectory's output files, drops its directory and reports back. */
  private closeDirectory(slot: Slot, command: Extract<ExecutorCommand, { type: "directory.close" }>): void {
    const executionId = slot.state.execution.id;
    this.pending++;
    void this.directories
      .closeDirectory(command, slot.state.execution, slot.state.runs.get(command.taskRunId), this.clock.now())
      .then((closed) => this.push(executionId, closed))
      .finally(() => {
        this.pending--;
        this.notify();
      });
  }

  // ---- runnable tasks ---------------------------------------------------------------------

  private runTask(slot: Slot, command: Extract<ExecutorCommand, { type: "task.run" }>): void {
    const executionId = slot.state.execution.id;
    const controller = new AbortController();
    slot.running.set(command.taskRunId, controller);
    this.pending++;
    const shared = command.workingDirectory === undefined ? undefined : this.directories.get(command.workingDirectory);
    const request: TaskRequest = {
      state: slot.state,
      index: slot.index,
      command,
      controller,
      ...(shared ? { shared } : {}),
      readable: readableExecutions(slot.state.execution),
      logs: () => slot.logs,
      stores: this.renderOptions(slot).stores,
    };
    void runTask(request, this.taskServices).then((event) => {
      slot.running.delete(command.taskRunId);
      this.pending--;
      this.push(executionId, event);
    });
  }
}
