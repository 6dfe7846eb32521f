/**
 * The executor's state of one execution: the execution header and its task runs in
 * persistent (structurally shared) collections, so each step() returns a new state in
 * time independent of how many task runs the execution already has, and indices that
 * answer "children of this task run" and "how many of them ended" without rescanning.
 */
import { Map as IMap, List } from "immutable";
import {
  type Execution,
  isCreated,
  isRunning,
  isTerminated,
  type State,
  type StateType,
  type TaskRun,
  withState,
} from "./model.js";
import { EMPTY_TREE, setLeaf, type Tree } from "./variable-tree.js";

/** Counts of a parent's child task runs by state, kept up to date on every change. */
export interface ChildCounts {
  readonly total: number;
  readonly created: number;
  readonly running: number;
  readonly terminated: number;
  readonly failed: number;
  readonly killed: number;
  readonly warning: number;
  readonly paused: number;
}

const NO_CHILDREN: ChildCounts = {
  total: 0,
  created: 0,
  running: 0,
  terminated: 0,
  failed: 0,
  killed: 0,
  warning: 0,
  paused: 0,
};

/** The root "parent" key for top-level task runs. */
export const ROOT = "";

export type ExecutionHeader = Omit<Execution, "taskRunList">;

export interface ExecState {
  readonly execution: ExecutionHeader;
  readonly runs: IMap<string, TaskRun>;
  readonly order: List<string>;
  readonly children: IMap<string, List<string>>;
  /** Child counts by `parent/group`: the group is the child list a task belongs to (tasks, errors, finally...). */
  readonly counts: IMap<string, ChildCounts>;
  /** The group of each task run, as given when it was added. */
  readonly groups: IMap<string, string>;
  /** The `outputs` variable: task id → (iteration values →) outputs, kept as task runs change. */
  readonly outputTree: Tree;
  /** The `tasks` variable: task id → (iteration values →) `{state}`. */
  readonly taskTree: Tree;
  /**
   * Values derived from this execution that are costly to recompute at every step (a
   * ForEach's rendered values...). One cache per execution, shared by every state derived
   * from the same createExecState: never part of the execution, recomputed when missing,
   * so a key must name what its value depends on (see memoized()).
   */
  readonly memo: Map<string, unknown>;
  /**
   * The ids of the task runs added or changed, in order, since createExecState: a host that
   * stored an earlier state of the same execution (same `memo`) writes only those after it.
   */
  readonly changes: List<string>;
}

/**
 * The task runs that differ from `before` to `after`: the ones the changes journal names when
 * `after` derives from `before` (task runs are never removed then), else undefined (compare all).
 */
export function changedRuns(before: ExecState, after: ExecState): Set<string> | undefined {
  if (before.memo !== after.memo || after.changes.size < before.changes.size) return undefined;
  return new Set(after.changes.skip(before.changes.size));
}

/** Groups a task run can belong to under its parent. */
export type Group = string;

function countKey(parentId: string | undefined, group: Group): string {
  return `${parentId ?? ROOT}/${group}`;
}

/**
 * The group of dynamic task runs (reported by a task while it ran, see protocol.ts): no
 * flowable resolves it, so they never count among a flowable's children.
 */
export const DYNAMIC = "dynamic";

/**
 * Builds the state of an execution; `groupOf` tells which child list each task run belongs
 * to (dynamic task runs, whose task the flow lacks, are always in DYNAMIC).
 */
export function createExecState(execution: Execution, groupOf: (run: TaskRun) => Group = () => "tasks"): ExecState {
  let state: ExecState = {
    execution: withoutRuns(execution),
    runs: IMap(),
    order: List(),
    children: IMap(),
    counts: IMap(),
    groups: IMap(),
    outputTree: EMPTY_TREE,
    taskTree: EMPTY_TREE,
    memo: new Map(),
    changes: List(),
  };
  for (const run of execution.taskRunList) state = addTaskRun(state, run, run.dynamic ? DYNAMIC : groupOf(run));
  return state;
}

function withoutRuns(execution: Execution): ExecutionHeader {
  const { taskRunList: _runs, ...header } = execution;
  return header;
}

/** The execution as Kestra's API returns it. O(task runs): for the API, not for step(). */
export function toExecution(state: ExecState): Execution {
  return { ...state.execution, taskRunList: state.order.toArray().map((id) => state.runs.get(id) as TaskRun) };
}

export function taskRun(state: ExecState, id: string): TaskRun {
  const run = state.runs.get(id);
  if (!run) throw new Error(`unknown task run ${id}`);
  return run;
}

export function childIds(state: ExecState, parentId: string | undefined): List<string> {
  return state.children.get(parentId ?? ROOT) ?? List();
}

export function childCounts(state: ExecState, parentId: string | undefined, group: Group): ChildCounts {
  return state.counts.get(countKey(parentId, group)) ?? NO_CHILDREN;
}

function countDelta(counts: ChildCounts, state: StateType, sign: 1 | -1): ChildCounts {
  return {
    total: counts.total,
    created: counts.created + (isCreated(state) ? sign : 0),
    running: counts.running + (isRunning(state) ? sign : 0),
    terminated: counts.terminated + (isTerminated(state) ? sign : 0),
    failed: counts.failed + (state === "FAILED" ? sign : 0),
    killed: counts.killed + (state === "KILLED" ? sign : 0),
    warning: counts.warning + (state === "WARNING" ? sign : 0),
    paused: counts.paused + (state === "PAUSED" ? sign : 0),
  };
}

export function addTaskRun(state: ExecState, run: TaskRun, group: Group): ExecState {
  const parent = run.parentTaskRunId ?? ROOT;
  const counts = countDelta(childCounts(state, run.parentTaskRunId, group), run.state.current, 1);
  return withVariables(state, undefined, run, {
    ...state,
    runs: state.runs.set(run.id, run),
    order: state.order.push(run.id),
    children: state.children.set(parent, childIds(state, run.parentTaskRunId).push(run.id)),
    counts: state.counts.set(countKey(run.parentTaskRunId, group), { ...counts, total: counts.total + 1 }),
    groups: state.groups.set(run.id, group),
    changes: state.changes.push(run.id),
  });
}

/** Where a task run sits in the `outputs` and `tasks` trees: its task id, then the iteration values of it and its valued ancestors, outermost first. */
function variablePath(state: ExecState, run: TaskRun): string[] {
  const path = [run.taskId];
  if (run.value === undefined && run.parentTaskRunId === undefined) return path;
  for (let current: TaskRun | undefined = run; current; ) {
    if (current.value !== undefined) path.splice(1, 0, current.value);
    current = current.parentTaskRunId ? state.runs.get(current.parentTaskRunId) : undefined;
  }
  return path;
}

/** Memo flag: some task run has an encrypted output (Kestra's EncryptedString), which variables decrypt. */
export const ENCRYPTED_OUTPUTS = "outputs.encrypted";

/** Kestra's EncryptedString.TYPE. */
export const ENCRYPTED_TYPE = "io.kestra.datatype:aes_encrypted";

function holdsEncrypted(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== "object" || depth > 8) return false;
  if (Array.isArray(value)) return false;
  const map = value as Record<string, unknown>;
  if (typeof map.type === "string" && map.type.toLowerCase() === ENCRYPTED_TYPE) return true;
  return Object.values(map).some((v) => holdsEncrypted(v, depth + 1));
}

/** Keeps the `outputs` and `tasks` trees in step with a task run that was added or changed. */
function withVariables(before: ExecState, previous: TaskRun | undefined, run: TaskRun, next: ExecState): ExecState {
  const outputsChanged = run.outputs && run.outputs !== previous?.outputs;
  const stateChanged = previous?.state.current !== run.state.current;
  if (!outputsChanged && !stateChanged) return next;
  const path = variablePath(before, run);
  if (outputsChanged && run.outputs && holdsEncrypted(run.outputs, 0)) next.memo.set(ENCRYPTED_OUTPUTS, true);
  return {
    ...next,
    outputTree: outputsChanged && run.outputs ? setLeaf(next.outputTree, path, run.outputs) : next.outputTree,
    taskTree: stateChanged ? setLeaf(next.taskTree, path, { state: run.state.current }) : next.taskTree,
  };
}

/**
 * A value derived from the state, computed once per key and kept in the execution's memo.
 * The key must change whenever the value could (e.g. a task run id with the number of
 * state changes of that run), as the memo is shared by older and newer states.
 */
export function memoized<T>(state: ExecState, key: string, compute: () => T): T {
  const memo = state.memo;
  if (memo.has(key)) return memo.get(key) as T;
  const value = compute();
  memo.set(key, value);
  return value;
}

export function groupOfRun(state: ExecState, id: string): Group {
  return state.groups.get(id) ?? "tasks";
}

/** Replaces a task run, keeping its parent's counts in step with its state. */
export function updateTaskRun(state: ExecState, run: TaskRun): ExecState {
  const previous = taskRun(state, run.id);
  let counts = state.counts;
  if (previous.state.current !== run.state.current) {
    const group = groupOfRun(state, run.id);
    const current = childCounts(state, run.parentTaskRunId, group);
    counts = counts.set(
      countKey(run.parentTaskRunId, group),
      countDelta(countDelta(current, previous.state.current, -1), run.state.current, 1),
    );
  }
  return withVariables(state, previous, run, {
    ...state,
    runs: state.runs.set(run.id, run),
    counts,
    changes: state.changes.push(run.id),
  });
}

export function setExecutionState(state: ExecState, current: StateType, date: string): ExecState {
  const execution = state.execution;
  const next: State = withState(execution.state, current, date);
  return next === execution.state ? state : { ...state, execution: { ...execution, state: next } };
}
