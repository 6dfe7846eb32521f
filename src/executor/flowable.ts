/**
 * The contract of flowable tasks and the resolution rules they share (Kestra's
 * FlowableUtils): which children to create next, and the flowable's final state once its
 * children are done. Flowables are pure: they read the execution state and answer.
 */
import type { Task } from "../flow/model.js";
import { type ChildCounts, childCounts, childIds, type ExecState, groupOfRun, taskRun } from "./exec-state.js";
import type { FlowIndex } from "./flow-index.js";
import { isTerminated, type Label, type StateType, type TaskRun } from "./model.js";

export interface ChildSpec {
  readonly task: Task;
  readonly group: string;
  readonly value?: string;
  readonly iteration?: number;
}

export interface FlowableContext {
  /** The flowable's task run; undefined for the flow itself (its top-level lists). */
  readonly run: TaskRun | undefined;
  readonly task: Task | undefined;
  readonly state: ExecState;
  readonly index: FlowIndex;
  /** Child tasks of this flowable in a group (`tasks`, `errors`, `then`...), disabled ones left out. */
  list(group: string): readonly Task[];
  counts(group: string): ChildCounts;
  /** The most recently created child task run. */
  lastChild(): TaskRun | undefined;
  /** The group a child task run belongs to. */
  groupOf(run: TaskRun): string;
  /**
   * Renders a template against the flowable's variables, typed when it is one expression;
   * `extra` adds to them (ForEachItem's `taskrun.items`: maps are merged one level deep).
   */
  render(template: unknown, extra?: Readonly<Record<string, unknown>>): unknown;
  /**
   * The UTF-8 text of an internal-storage file of this execution. The first call throws
   * LookupNeeded: the executor asks the host for the file and resolves again once it is here.
   */
  readFile(uri: string): string;
}

/** What the executor must ask the host for before a resolution can go on. */
export interface LookupRequest {
  readonly kind: "file";
  readonly uri: string;
}

export function lookupKey(request: LookupRequest): string {
  return `lookup:${request.kind}:${request.uri}`;
}

/** Thrown by FlowableContext.readFile when the file is not at hand yet. */
export class LookupNeeded extends Error {
  constructor(readonly request: LookupRequest) {
    super(`waiting for ${request.kind} ${request.uri}`);
    this.name = "LookupNeeded";
  }
}

export interface Resolution {
  /** Children to create now. */
  readonly next: readonly ChildSpec[];
  /** The final state, once the flowable is done. */
  readonly state?: StateType;
  /**
   * Pause the flowable and the execution: for this many milliseconds (a timer resumes it),
   * or until a manual resume when Infinity.
   */
  readonly pauseFor?: number;
  /** New outputs of the flowable task run, replacing those `outputs()` gives (LoopUntil's iterationCount). */
  readonly outputs?: Readonly<Record<string, unknown>>;
}

export interface FlowableBehaviour {
  resolve(context: FlowableContext): Resolution;
  /**
   * Its `tasks` share one working directory (WorkingDirectory): the executor asks the host to
   * open it before the first one and to close it (collecting output files) after the last one.
   */
  readonly workingDirectory?: boolean;
  /** Outputs of the flowable task run (If: evaluationResult, Switch: value...). */
  outputs?(context: FlowableContext): Readonly<Record<string, unknown>> | undefined;
}

/**
 * What an executable task (Subflow) asks for: one child execution, rendered against the
 * parent task run's variables. The executor adds the correlation id and inherited labels.
 */
export interface ChildExecutionRequest {
  readonly namespace: string;
  readonly flowId: string;
  readonly revision?: number;
  readonly inputs: Readonly<Record<string, unknown>>;
  /** The task's own labels, rendered. */
  readonly labels: readonly Label[];
  readonly inheritLabels: boolean;
  readonly wait: boolean;
  readonly transmitFailed: boolean;
  readonly scheduleDate?: string;
  /** Deprecated Subflow `outputs`, left unrendered: they are rendered against the child. */
  readonly outputs?: Readonly<Record<string, unknown>>;
  /** The batch number, when one task run starts several executions (ForEachItem). */
  readonly iteration?: number;
}

/**
 * A task that starts other executions instead of running or resolving children (Kestra's
 * ExecutableTask): one (Subflow) or one per batch (ForEachItem), each with an `iteration`.
 */
export interface ExecutableBehaviour {
  childExecutions(context: FlowableContext): readonly ChildExecutionRequest[];
}

export type TaskBehaviour = FlowableBehaviour | ExecutableBehaviour;

export function isExecutable(behaviour: TaskBehaviour): behaviour is ExecutableBehaviour {
  return "childExecutions" in behaviour;
}

const WAIT: Resolution = { next: [] };

/**
 * Kestra's final state of a list of children: KILLED over FAILED over WARNING over PAUSED
 * over SUCCESS.
 */
export function guessFinalState(counts: ChildCounts): StateType {
  if (counts.killed > 0) return "KILLED";
  if (counts.failed > 0) return "FAILED";
  if (counts.warning > 0) return "WARNING";
  if (counts.paused > 0) return "PAUSED";
  return "SUCCESS";
}

/** A list of children run one after another: `tasks`, then `errors` if one failed, then `finally`. */
export interface SequentialLists {
  readonly tasks: string;
  readonly errors?: string;
  readonly finally?: string;
}

const DEFAULT_LISTS: SequentialLists = { tasks: "tasks", errors: "errors", finally: "finally" };

/**
 * Sequential resolution, from the last child only (no rescanning): wait while it runs;
 * after it, the next task of its list; a failure in `tasks` switches to `errors`; after
 * `tasks` (and `errors`) comes `finally`; the final state is taken from `tasks` alone,
 * so a flowable whose child failed stays FAILED even when its errors branch succeeds.
 */
export function resolveSequential(context: FlowableContext, lists: SequentialLists = DEFAULT_LISTS): Resolution {
  // No closures here: this runs once per task of every sequential list.
  const last = context.lastChild();
  if (last === undefined) return first(context, lists.tasks) ?? afterTasks(context, lists);
  if (!isTerminated(last.state.current)) return WAIT;
  const group = context.groupOf(last);
  if (group === lists.tasks) {
    if (last.state.current === "FAILED") return first(context, lists.errors) ?? afterTasks(context, lists);
    if (last.state.current === "KILLED") return afterTasks(context, lists);
    return following(context, last, group) ?? afterTasks(context, lists);
  }
  if (group === lists.errors) return following(context, last, group) ?? afterTasks(context, lists);
  if (group === lists.finally) {
    return following(context, last, group) ?? { next: [], state: guessFinalState(context.counts(lists.tasks)) };
  }
  return WAIT;
}

/** The first task of a list, if any. */
function first(context: FlowableContext, group: string | undefined): Resolution | undefined {
  if (group === undefined) return undefined;
  const task = context.list(group)[0];
  return task ? { next: [{ task, group }] } : undefined;
}

/** After `tasks` (and `errors`): `finally`, else the state of `tasks`. */
function afterTasks(context: FlowableContext, lists: SequentialLists): Resolution {
  return first(context, lists.finally) ?? { next: [], state: guessFinalState(context.counts(lists.tasks)) };
}

/** The task after `last` in its list, if any. */
function following(context: FlowableContext, last: TaskRun, group: string): Resolution | undefined {
  const task = context.index.nextSibling(last.taskId);
  return task ? { next: [{ task, group }] } : undefined;
}

/** Builds the context a flowable resolves in. */
export function flowableContext(
  state: ExecState,
  index: FlowIndex,
  run: TaskRun | undefined,
  render: (template: unknown, extra?: Readonly<Record<string, unknown>>) => unknown,
): FlowableContext {
  return new Context(state, index, run, render);
}

/** A flowable's context, its methods on the prototype: one is built for every resolution. */
class Context implements FlowableContext {
  readonly task: Task | undefined;

  constructor(
    readonly state: ExecState,
    readonly index: FlowIndex,
    readonly run: TaskRun | undefined,
    /** A property, not a method: plugins may pass it on detached. */
    readonly render: (template: unknown, extra?: Readonly<Record<string, unknown>>) => unknown,
  ) {
    this.task = run ? index.task(run.taskId).task : undefined;
  }

  list(group: string): readonly Task[] {
    return this.index.list(this.run?.taskId, group);
  }

  counts(group: string): ChildCounts {
    return childCounts(this.state, this.run?.id, group);
  }

  lastChild(): TaskRun | undefined {
    const id = childIds(this.state, this.run?.id).last();
    return id === undefined ? undefined : taskRun(this.state, id);
  }

  groupOf(child: TaskRun): string {
    return groupOfRun(this.state, child.id);
  }

  readFile(uri: string): string {
    const request: LookupRequest = { kind: "file", uri };
    const found = this.state.memo.get(lookupKey(request)) as { value?: string; error?: string } | undefined;
    if (found === undefined) throw new LookupNeeded(request);
    if (found.error !== undefined) throw new Error(found.error);
    return found.value ?? "";
  }
}

/**
 * Concurrent resolution (Parallel, EachParallel, Dag without dependencies): create the
 * children not yet created, at most `concurrent` running at once (0 = no limit). After a
 * failure no new child starts; once the running ones end, `errors` run, then `finally`.
 */
export function resolveConcurrent(
  context: FlowableContext,
  concurrent: number,
  lists: SequentialLists = DEFAULT_LISTS,
): Resolution {
  const tasks = context.list(lists.tasks);
  const counts = context.counts(lists.tasks);
  const failed = counts.failed > 0 || counts.killed > 0;
  if (!failed && counts.total < tasks.length) {
    const running = counts.total - counts.terminated;
    const slots = concurrent > 0 ? Math.max(0, concurrent - running) : tasks.length;
    const group = lists.tasks;
    return { next: tasks.slice(counts.total, counts.total + slots).map((task) => ({ task, group })) };
  }
  if (counts.terminated < counts.total) return WAIT;
  if (counts.failed > 0 && lists.errors !== undefined) {
    const errors = context.list(lists.errors);
    const errorCounts = context.counts(lists.errors);
    const group = lists.errors;
    if (errorCounts.total < errors.length)
      return { next: errors.slice(errorCounts.total).map((task) => ({ task, group })) };
    if (errorCounts.terminated < errorCounts.total) return WAIT;
  }
  return resolveFinally(context, lists, counts);
}

/** `finally` children one after another, then the state of `tasks`. */
function resolveFinally(context: FlowableContext, lists: SequentialLists, counts: ChildCounts): Resolution {
  const done: Resolution = { next: [], state: guessFinalState(counts) };
  if (lists.finally === undefined) return done;
  const list = context.list(lists.finally);
  const finallyCounts = context.counts(lists.finally);
  if (finallyCounts.terminated < finallyCounts.total) return WAIT;
  const task = list[finallyCounts.total];
  return task ? { next: [{ task, group: lists.finally }] } : done;
}

/** Renders every string inside a value (lists and maps recursively) with `render`. */
export function renderDeep(value: unknown, render: (template: string) => unknown): unknown {
  if (typeof value === "string") return render(value);
  if (Array.isArray(value)) return value.map((item) => renderDeep(item, render));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderDeep(v, render)]));
  }
  return value;
}
