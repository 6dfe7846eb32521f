/**
 * What a user does to an execution from outside (Kestra's ExecutionService): resume, mark a
 * task run as a state, restart, replay, change the status. Each is a pure function from an
 * execution to the execution that the API returns at once (usually RESTARTED); the host
 * stores it and sends `execution.start`, and step() carries on from there.
 */
import type { Task } from "../flow/model.js";
import { isAfterGroup } from "./after-execution.js";
import { DYNAMIC, type ExecState, setExecutionState, taskRun, updateTaskRun } from "./exec-state.js";
import { type FlowIndex, taskOf } from "./flow-index.js";
import { isExecutable } from "./flowable.js";
import { type Execution, isTerminated, type StateType, type TaskRun, withState } from "./model.js";

/** An action the execution's state does not allow; the API answers 422 with this message. */
export class ActionError extends Error {
  readonly code = "action.refused";
  constructor(message: string) {
    super(message);
    this.name = "ActionError";
  }
}

const PAUSE = "io.kestra.plugin.core.flow.Pause";
const WORKING_DIRECTORY = "io.kestra.plugin.core.flow.WorkingDirectory";

/**
 * Kestra's Task.isFlowable: flowables resolve children; WorkingDirectory and executables
 * (Subflow) restart as one task, and so does a dynamic task run (no task in the flow).
 */
function isFlowable(index: FlowIndex, run: TaskRun): boolean {
  const plugin = taskOf(index, run)?.plugin;
  if (plugin === undefined) return false;
  if (plugin.category !== "task" || plugin.kind !== "flowable" || plugin.type === WORKING_DIRECTORY) return false;
  return !(plugin.behaviour && isExecutable(plugin.behaviour));
}

/** A task run and its ancestors, closest first. */
function withAncestors(runs: ReadonlyMap<string, TaskRun>, run: TaskRun): TaskRun[] {
  const chain: TaskRun[] = [];
  for (let current: TaskRun | undefined = run; current; ) {
    chain.push(current);
    current = current.parentTaskRunId ? runs.get(current.parentTaskRunId) : undefined;
  }
  return chain;
}

function lastAttemptAs(run: TaskRun, state: StateType, now: string): TaskRun {
  if (!run.attempts?.length) return run;
  const attempts = run.attempts.map((attempt, i, all) =>
    i === all.length - 1 ? { ...attempt, state: withState(attempt.state, state, now) } : attempt,
  );
  return { ...run, attempts };
}

export interface MarkAs {
  readonly taskRunId: string;
  readonly state: StateType;
  readonly now: string;
  /** Validated onResume values of a Pause (resume only). */
  readonly onResume?: Readonly<Record<string, unknown>>;
}

/**
 * Kestra's markAs: the task run takes the state (and its last attempt too), its flowable
 * ancestors go back to RUNNING, and the execution becomes RESTARTED unless another task
 * run is still paused. A Pause without child tasks resumed to RUNNING is done: SUCCESS.
 */
export function markAs(state: ExecState, index: FlowIndex, { taskRunId, state: to, now, onResume }: MarkAs): ExecState {
  const target = state.runs.get(taskRunId);
  if (!target) throw new ActionError(`No task found to restart execution from! (task run ${taskRunId})`);
  let next = state;
  for (const run of withAncestors(state.runs, target)) {
    // A dynamic task run (no task in the flow) just takes the state, as Kestra's mapTaskRun translates it blindly.
    const task = taskOf(index, run)?.task;
    if (run.id !== taskRunId && isFlowable(index, run)) {
      next = updateTaskRun(next, { ...run, state: withState(run.state, "RUNNING", now) });
      continue;
    }
    let changed: TaskRun = lastAttemptAs({ ...run, state: withState(run.state, to, now) }, to, now);
    if (task?.type === PAUSE) {
      const outputs = { ...(run.outputs ?? {}) };
      if (task.onResume !== undefined) outputs.onResume = onResume ?? {};
      outputs.resumed = { on: now, to };
      changed = { ...changed, outputs };
      if (!hasTasks(task) && to === "RUNNING")
        changed = { ...changed, state: withState(changed.state, "SUCCESS", now) };
    }
    next = updateTaskRun(next, changed);
  }
  if (next.order.some((id) => taskRun(next, id).state.current === "PAUSED")) return next;
  return setExecutionState(next, "RESTARTED", now);
}

function hasTasks(task: Task): boolean {
  return Array.isArray(task.tasks) && task.tasks.length > 0;
}

export interface Resume {
  /** RUNNING (go on) or KILLING (a kill of a paused execution). */
  readonly state?: "RUNNING" | "KILLING";
  readonly now: string;
  readonly onResume?: Readonly<Record<string, unknown>>;
}

/** The first paused task run, whose Pause declares the onResume inputs to validate. */
export function firstPaused(state: ExecState): TaskRun | undefined {
  for (const id of state.order) {
    const run = taskRun(state, id);
    if (run.state.current === "PAUSED") return run;
  }
  return undefined;
}

/** Kestra's resume: markAs on the first paused task run, or the execution alone when none is paused. */
export function resume(
  state: ExecState,
  index: FlowIndex,
  { state: to = "RUNNING", now, onResume }: Resume,
): ExecState {
  if (state.execution.state.current !== "PAUSED") throw new ActionError("The execution is not paused");
  const paused = firstPaused(state);
  if (!paused) return setExecutionState(state, to, now);
  return markAs(state, index, { taskRunId: paused.id, state: to, now, ...(onResume ? { onResume } : {}) });
}

export interface Restart {
  readonly now: string;
  /** Restart on another revision of the flow: a new execution (and new task run ids) with `parentId`... */
  readonly revision?: number;
  /** ...whose ids come from here. */
  readonly newId?: () => string;
}

/** Kestra's label on a child execution its parent's restarted Subflow restarted (restartBehavior RETRY_FAILED). */
export const RESTARTED_LABEL = { key: "system.restarted", value: "true" } as const;

/** A child execution restarted for its parent's restarted Subflow: restart(), labelled `system.restarted`. */
export function restartAsChild(execution: Execution, index: FlowIndex, now: string): Execution {
  const restarted = restart(execution, index, { now });
  const labels = [...restarted.labels.filter((label) => label.key !== RESTARTED_LABEL.key), RESTARTED_LABEL];
  return { ...restarted, labels };
}

/**
 * Kestra's restart: every FAILED or PAUSED task run and its ancestors start again (runnables
 * RESTARTED with a new attempt to come, flowables RUNNING), the task runs of `errors` and
 * `finally` branches and of the after-execution tasks (listeners, afterExecution) are
 * dropped (they run again if needed), WorkingDirectory children are dropped, and the
 * execution is RESTARTED with the same id (or a new one for a new revision).
 */
export function restart(execution: Execution, index: FlowIndex, { now, revision, newId }: Restart): Execution {
  const current = execution.state.current;
  if (!(isTerminated(current) || current === "PAUSED")) {
    throw new ActionError(`Execution must be terminated to be restarted, current state is '${current}' !`);
  }
  const byId = new Map(execution.taskRunList.map((run) => [run.id, run]));
  const restarted = new Set<string>();
  for (const run of execution.taskRunList) {
    if (run.state.current === "FAILED" || run.state.current === "PAUSED") {
      for (const r of withAncestors(byId, run)) restarted.add(r.id);
    }
  }
  if (restarted.size === 0) throw new ActionError("No task found to restart execution from!");
  const dropped = new Set<string>();
  for (const run of execution.taskRunList) {
    // A dynamic task run is dropped with its parent only (its task is not in the flow).
    const inBranch = !run.dynamic && branchAncestor(index, run.taskId);
    const parent = run.parentTaskRunId ? byId.get(run.parentTaskRunId) : undefined;
    if (inBranch || (parent && dropped.has(parent.id))) dropped.add(run.id);
    else if (parent && restarted.has(parent.id) && taskOf(index, parent)?.plugin.type === WORKING_DIRECTORY)
      dropped.add(run.id);
  }
  return rebuild(execution, index, {
    now,
    keep: (run) => !dropped.has(run.id),
    restarted,
    ...(revision !== undefined && newId ? { newId, revision } : {}),
  });
}

/**
 * True when a task sits in an `errors` or `finally` list, at any depth, or among the
 * after-execution tasks (listeners, afterExecution), which run again once the restarted
 * execution ends.
 */
function branchAncestor(index: FlowIndex, taskId: string): boolean {
  for (let id: string | undefined = taskId; id !== undefined; ) {
    const entry = index.task(id);
    if (entry.group === "errors" || entry.group === "finally" || isAfterGroup(entry.group)) return true;
    id = entry.parentTaskId;
  }
  return false;
}

export interface Replay {
  readonly now: string;
  readonly newId: () => string;
  readonly revision?: number;
}

/**
 * Kestra's replay: a new execution (`parentId` = this one). Without a task run it starts
 * over (CREATED, no task runs). From a task run: earlier task runs are kept (new ids), the
 * task run starts again with its ancestors, and everything after it in the flow's graph
 * (its children and the task runs that follow it in sequence) is dropped.
 */
export function replay(
  execution: Execution,
  index: FlowIndex,
  taskRunId: string | undefined,
  { now, newId, revision }: Replay,
): Execution {
  const id = newId();
  if (taskRunId === undefined) {
    return {
      ...execution,
      id,
      parentId: execution.id,
      metadata: { ...execution.metadata, attemptNumber: execution.metadata.attemptNumber + 1 },
      ...(revision !== undefined ? { flowRevision: revision } : {}),
      taskRunList: [],
      outputs: null,
      state: { current: "CREATED", histories: [{ state: "CREATED", date: now }] },
    };
  }
  const byId = new Map(execution.taskRunList.map((run) => [run.id, run]));
  const target = byId.get(taskRunId);
  if (!target) throw new ActionError(`No task found to restart execution from! (task run ${taskRunId})`);
  const restarted = new Set(withAncestors(byId, target).map((run) => run.id));
  const after = successors(execution.taskRunList, index, target);
  return rebuild(execution, index, {
    now,
    keep: (run) => restarted.has(run.id) || !after.has(run.id),
    restarted,
    newId,
    newExecutionId: id,
    ...(revision !== undefined ? { revision } : {}),
  });
}

/**
 * The task runs after `target` in Kestra's flow graph: its descendants, and at its level and
 * every level above, what follows in a sequential container. In a container, nodes are the
 * task runs of each task in list order (all iterations of a task before the next task), and
 * the children of a parallel container (Parallel, EachParallel, ForEach with concurrency) are
 * not linked to each other.
 */
function successors(runs: readonly TaskRun[], index: FlowIndex, target: TaskRun): Set<string> {
  const children = new Map<string, TaskRun[]>();
  for (const run of runs) {
    const key = run.parentTaskRunId ?? "";
    const list = children.get(key);
    if (list) list.push(run);
    else children.set(key, [run]);
  }
  const found = new Set<string>();
  const addTree = (run: TaskRun): void => {
    found.add(run.id);
    for (const child of children.get(run.id) ?? []) addTree(child);
  };
  for (const child of children.get(target.id) ?? []) addTree(child);
  const byId = new Map(runs.map((run) => [run.id, run]));
  for (let node: TaskRun | undefined = target; node; ) {
    const parent: TaskRun | undefined = node.parentTaskRunId ? byId.get(node.parentTaskRunId) : undefined;
    if (!parent || !parallelContainer(index, parent)) {
      const group = groupIn(index, node);
      const siblings = chain(children.get(node.parentTaskRunId ?? "") ?? [], index, group);
      const at = siblings.indexOf(node);
      for (const later of siblings.slice(at + 1)) addTree(later);
    }
    node = parent;
  }
  return found;
}

/** A container's task runs of one group in graph order: by task position, then creation order. */
function chain(runs: readonly TaskRun[], index: FlowIndex, group: string): TaskRun[] {
  return runs
    .map((run, order) => ({ run, order, position: taskOf(index, run)?.position ?? 0 }))
    .filter(({ run }) => groupIn(index, run) === group)
    .sort((a, b) => a.position - b.position || a.order - b.order)
    .map(({ run }) => run);
}

/** The child list a task run belongs to in its parent: its task's, or DYNAMIC for a dynamic task run. */
function groupIn(index: FlowIndex, run: TaskRun): string {
  return taskOf(index, run)?.group ?? DYNAMIC;
}

const PARALLEL_TYPES = new Set([
  "io.kestra.plugin.core.flow.Parallel",
  "io.kestra.plugin.core.flow.EachParallel",
  "io.kestra.plugin.core.flow.Dag",
]);

function parallelContainer(index: FlowIndex, run: TaskRun): boolean {
  const entry = taskOf(index, run);
  if (entry === undefined) return false;
  const { task, plugin } = entry;
  if (PARALLEL_TYPES.has(plugin.type)) return true;
  return plugin.type === "io.kestra.plugin.core.flow.ForEach" && task.concurrencyLimit !== 1;
}

interface Rebuild {
  readonly now: string;
  readonly keep: (run: TaskRun) => boolean;
  readonly restarted: ReadonlySet<string>;
  /** New task run ids (a new execution); the same ids otherwise. */
  readonly newId?: () => string;
  readonly newExecutionId?: string;
  readonly revision?: number;
}

/** The kept task runs, restarted ones RESTARTED (runnables) or RUNNING (flowables), the execution RESTARTED. */
function rebuild(execution: Execution, index: FlowIndex, options: Rebuild): Execution {
  const { now, keep, restarted, newId } = options;
  const executionId = options.newExecutionId ?? (newId ? newId() : execution.id);
  const ids = new Map<string, string>();
  for (const run of execution.taskRunList) ids.set(run.id, newId ? newId() : run.id);
  const taskRunList = execution.taskRunList.filter(keep).map((run): TaskRun => {
    const state = restarted.has(run.id)
      ? withState(run.state, isFlowable(index, run) ? "RUNNING" : "RESTARTED", now)
      : run.state;
    const parentTaskRunId = run.parentTaskRunId ? ids.get(run.parentTaskRunId) : undefined;
    return {
      ...run,
      id: ids.get(run.id) ?? run.id,
      executionId,
      ...(parentTaskRunId ? { parentTaskRunId } : {}),
      state,
    };
  });
  return {
    ...execution,
    id: executionId,
    ...(executionId !== execution.id ? { parentId: execution.id } : {}),
    taskRunList,
    outputs: null,
    state: withState(execution.state, "RESTARTED", now),
    metadata: { ...execution.metadata, attemptNumber: execution.metadata.attemptNumber + 1 },
    ...(options.revision !== undefined ? { flowRevision: options.revision } : {}),
  };
}

/** Kestra's change-status: a terminated execution is given another terminal state. */
export function changeStatus(state: ExecState, to: StateType, now: string): ExecState {
  const current = state.execution.state.current;
  if (!isTerminated(current)) {
    throw new ActionError(`Execution must be terminated to change its status, current state is '${current}' !`);
  }
  return setExecutionState(state, to, now);
}
