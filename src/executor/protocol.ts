/**
 * What goes into step() and what comes out: events (things that happened) and commands
 * (things the host must do). Both are discriminated unions keyed by `type`, plain data
 * that can cross an RPC boundary or be stored.
 */
import type { LookupRequest } from "./flowable.js";
import type { ExecutionTrigger, Label, StateType } from "./model.js";

/** Log levels, least severe first: a minimum level keeps the lines at or after it. */
export const LOG_LEVELS = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LogLine {
  readonly taskRunId?: string;
  readonly taskId?: string;
  readonly attemptNumber?: number;
  readonly level: LogLevel;
  readonly message: string;
  /** ISO instant. */
  readonly timestamp: string;
}

/**
 * A task run a runnable task reports having created while it ran (Kestra's
 * `RunContext.dynamicWorkerResult`): its task id is not in the flow, and nothing runs it.
 * The executor adds it with an id of its own, `dynamic: true`, one attempt in its state.
 */
export interface DynamicTaskRun {
  readonly taskId: string;
  /** An existing task run of the execution; the reporting task run when not given. */
  readonly parentTaskRunId?: string;
  readonly value?: string;
  /** Terminal: nothing reports on a dynamic task run later. */
  readonly state: Extract<StateType, "SUCCESS" | "WARNING" | "FAILED" | "KILLED">;
  readonly outputs?: Readonly<Record<string, unknown>>;
}

export type ExecutorEvent =
  /** The execution was created: resolve its first task runs. */
  | { readonly type: "execution.start" }
  /**
   * Instead of `execution.start`: the flow's concurrency limit is reached (`running` executions
   * of the flow hold a slot, as the host counts them; see concurrency.ts). QUEUE parks the
   * execution QUEUED, CANCEL ends it CANCELLED, FAIL ends it FAILED.
   */
  | { readonly type: "execution.limited"; readonly behavior: "QUEUE" | "CANCEL" | "FAIL"; readonly running: number }
  /** A slot freed for this QUEUED execution: it starts (QUEUED → RUNNING). */
  | { readonly type: "execution.unqueued" }
  /** A runnable task ended (on the host or the script runner). */
  | {
      readonly type: "task.ended";
      readonly taskRunId: string;
      readonly state: Extract<StateType, "SUCCESS" | "WARNING" | "FAILED" | "KILLED">;
      readonly outputs?: Readonly<Record<string, unknown>>;
      readonly logs?: readonly LogLine[];
      /** Why it failed, logged at ERROR on the task run. */
      readonly error?: string;
      /** Labels the task sets on the execution (Labels): existing keys get the new value, new keys are added. */
      readonly labels?: readonly Label[];
      /** The task ends the execution at once in this state (Exit). */
      readonly exit?: Extract<StateType, "SUCCESS" | "WARNING" | "FAILED" | "KILLED" | "CANCELLED">;
      /** Task runs the task created while it ran (Kestra's dynamic worker results), added before it ends. */
      readonly dynamicTaskRuns?: readonly DynamicTaskRun[];
    }
  /** A timer set by a `timer.set` command fired. */
  | { readonly type: "timer.fired"; readonly timerId: string }
  /** The child execution asked for by `subflow.start` was created. */
  | {
      readonly type: "subflow.started";
      readonly taskRunId: string;
      readonly executionId: string;
      readonly iteration?: number;
    }
  /**
   * A child execution started by `subflow.start` ended (or could not be created: no
   * executionId, state FAILED and the reason in `error`). `outputs` are the child flow's
   * outputs, or the parent task's deprecated `outputs` map rendered against the child.
   */
  | {
      readonly type: "subflow.ended";
      readonly taskRunId: string;
      readonly executionId?: string;
      readonly state: StateType;
      readonly outputs?: Readonly<Record<string, unknown>> | null;
      readonly error?: string;
      readonly iteration?: number;
    }
  /** A WorkingDirectory's directory was closed: its output files (name → URI), or why it failed. */
  | {
      readonly type: "directory.closed";
      readonly taskRunId: string;
      readonly outputFiles?: Readonly<Record<string, string>>;
      readonly error?: string;
    }
  /** The answer to a `lookup` command: the value, or why it could not be had. */
  | { readonly type: "lookup.done"; readonly key: string; readonly value?: string; readonly error?: string }
  | { readonly type: "execution.kill" }
  /** A manual resume (Kestra's resume: the first paused task run goes on, or is killed with KILLING). */
  | {
      readonly type: "execution.resume";
      readonly state?: "RUNNING" | "KILLING";
      /** onResume values, already validated against the Pause's `onResume` inputs. */
      readonly inputs?: Readonly<Record<string, unknown>>;
    };

/** A WorkingDirectory's cache: files kept between executions per flow, task and iteration value. */
export interface DirectoryCache {
  readonly patterns: readonly string[];
  readonly taskId: string;
  readonly value?: string;
  readonly ttlMs?: number;
}

export type ExecutorCommand =
  /** Run a runnable task; answer with a `task.ended` event. */
  | {
      readonly type: "task.run";
      readonly taskRunId: string;
      readonly taskId: string;
      readonly taskType: string;
      readonly attemptNumber: number;
      /** Runtime limit from the task's `timeout`, in milliseconds. */
      readonly timeoutMs?: number;
      /** The WorkingDirectory task run whose directory the task shares (opened by `directory.open`). */
      readonly workingDirectory?: string;
    }
  /**
   * Prepare the shared directory of a WorkingDirectory task run before its first task runs:
   * `inputFiles` (name → content, or a kestra:// URI to copy) and namespace files.
   */
  | {
      readonly type: "directory.open";
      readonly taskRunId: string;
      readonly inputFiles?: Readonly<Record<string, string>>;
      readonly namespaceFiles?: Readonly<Record<string, unknown>>;
      /** Restore the cached files first, when a cache younger than its ttl exists. */
      readonly cache?: DirectoryCache;
    }
  /**
   * Its tasks are done: upload the files matching `outputFiles`, cache the files matching
   * `cache.patterns`, drop the directory, answer `directory.closed`.
   */
  | {
      readonly type: "directory.close";
      readonly taskRunId: string;
      readonly outputFiles?: readonly string[];
      readonly cache?: DirectoryCache;
    }
  /** Stop a running task (kill); the host answers with `task.ended` KILLED. */
  | { readonly type: "task.kill"; readonly taskRunId: string }
  /** Fire `timer.fired` with this id at this instant (replaces a timer with the same id). */
  | { readonly type: "timer.set"; readonly timerId: string; readonly at: string }
  | { readonly type: "timer.cancel"; readonly timerId: string }
  /**
   * Start a child execution (inputs validated like API inputs); answer with `subflow.started`,
   * then `subflow.ended` when it ends (when `wait`), or `subflow.ended` FAILED when it cannot start.
   */
  | {
      readonly type: "subflow.start";
      readonly taskRunId: string;
      readonly namespace: string;
      readonly flowId: string;
      readonly revision?: number;
      readonly inputs: Readonly<Record<string, unknown>>;
      /** The child's labels besides its own flow's labels: correlation id, inherited labels, the task's labels. */
      readonly labels: readonly Label[];
      /** The child's `trigger`: the parent task and execution. */
      readonly trigger: ExecutionTrigger;
      readonly wait: boolean;
      /** When to start the child (ISO), instead of now. */
      readonly scheduleDate?: string;
      /** Deprecated Subflow `outputs`: templates rendered against the child execution when it ends. */
      readonly outputs?: Readonly<Record<string, unknown>>;
      /** The batch number (ForEachItem), given back in `subflow.started` and `subflow.ended`. */
      readonly iteration?: number;
    }
  /**
   * Restart the child execution a restarted Subflow task run had started (restartBehavior
   * RETRY_FAILED), labelled `system.restarted: true`; it reports back with `subflow.ended`, or
   * `subflow.ended` FAILED when it cannot be restarted.
   */
  | { readonly type: "subflow.restart"; readonly taskRunId: string; readonly executionId: string }
  /** Kill the child executions started by a task run (kill cascade). */
  | { readonly type: "subflow.kill"; readonly taskRunId: string }
  /** Read something the executor needs (a file of the execution); answer with `lookup.done`. */
  | { readonly type: "lookup"; readonly key: string; readonly request: LookupRequest }
  /** The execution reached a terminal state. */
  | { readonly type: "execution.ended"; readonly state: StateType }
  /**
   * The execution ended RETRIED (retry `behavior: CREATE_NEW_EXECUTION`) and its next
   * attempt is due: create it now as Kestra's replay does, with a new id, `parentId` = this
   * execution, the same `originalId`, inputs and labels, and `metadata.attemptNumber` + 1.
   */
  | { readonly type: "execution.retry" };
