/**
 * Executions and task runs with Kestra's shapes and names, as the API returns them:
 * `taskRunList`, `parentTaskRunId`, `value`, `iteration`, `attempts`, `outputs`,
 * `state.current` and `state.histories`.
 */
import { STATES } from "../plugin/properties.js";

/** Kestra 1.x states, in its enum order (declared once, with the plugin property helpers). */
export const STATE_TYPES = STATES;

export type StateType = (typeof STATE_TYPES)[number];

export interface StateHistory {
  readonly state: StateType;
  /** ISO instant. */
  readonly date: string;
}

export interface State {
  readonly current: StateType;
  readonly histories: readonly StateHistory[];
}

export interface Attempt {
  readonly state: State;
  readonly logFile?: string;
}

export interface TaskRun {
  readonly id: string;
  readonly executionId: string;
  readonly namespace: string;
  readonly flowId: string;
  readonly taskId: string;
  readonly parentTaskRunId?: string;
  /** Iteration value of a ForEach/Each* child (a string; objects are JSON). */
  readonly value?: string;
  /** LoopUntil iteration counter, ForEachItem batch index. */
  readonly iteration?: number;
  readonly attempts?: readonly Attempt[];
  readonly outputs?: Readonly<Record<string, unknown>> | null;
  readonly state: State;
  /** Reported by a task as created while it ran (Kestra's dynamic worker results): its task id is not in the flow. */
  readonly dynamic?: boolean;
}

export interface Label {
  readonly key: string;
  readonly value: string;
}

export interface ExecutionTrigger {
  readonly id: string;
  readonly type: string;
  readonly variables?: Readonly<Record<string, unknown>>;
}

export interface Execution {
  readonly id: string;
  readonly namespace: string;
  readonly flowId: string;
  readonly flowRevision: number;
  readonly taskRunList: readonly TaskRun[];
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly outputs?: Readonly<Record<string, unknown>> | null;
  readonly labels: readonly Label[];
  readonly variables?: Readonly<Record<string, unknown>>;
  readonly state: State;
  readonly parentId?: string;
  readonly originalId: string;
  readonly trigger?: ExecutionTrigger;
  readonly deleted: boolean;
  readonly metadata: { readonly attemptNumber: number; readonly originalCreatedDate: string };
  readonly scheduleDate?: string;
}

const TERMINATED: ReadonlySet<StateType> = new Set([
  "FAILED",
  "WARNING",
  "SUCCESS",
  "KILLED",
  "CANCELLED",
  "RETRIED",
  "SKIPPED",
  "RESUBMITTED",
]);
const RUNNING: ReadonlySet<StateType> = new Set(["RUNNING", "KILLING", "SUBMITTED"]);
const CREATED: ReadonlySet<StateType> = new Set(["CREATED", "RESTARTED"]);

export function isTerminated(state: StateType): boolean {
  return TERMINATED.has(state);
}

export function isRunning(state: StateType): boolean {
  return RUNNING.has(state);
}

export function isCreated(state: StateType): boolean {
  return CREATED.has(state);
}

/** A new state history: the first entry. */
export function newState(current: StateType, date: string): State {
  return { current, histories: [{ state: current, date }] };
}

/** Kestra's withState: a no-op when already in that state, so histories never repeat a state. */
export function withState(state: State, current: StateType, date: string): State {
  if (state.current === current) return state;
  return { current, histories: [...state.histories, { state: current, date }] };
}
