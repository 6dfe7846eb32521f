/**
 * What a runnable task sees while it runs: its raw properties, rendering against the
 * execution's variables, a logger, an abort signal (kill, timeout), the clock, internal
 * storage, the KV store and namespace files. All I/O goes through here, so a task runs the same on every host.
 */
import type { Label, StateType } from "../executor/model.js";
import type { DynamicTaskRun, LogLine } from "../executor/protocol.js";
import type { PurgeCounts, PurgeRequest } from "../runtime/execution-purge.js";
import type { LogPurgeRequest } from "../runtime/log-purge.js";
import type { TaskStorage } from "../storage/internal.js";
import type { KvStore } from "../storage/kv-store.js";
import type { NamespaceFiles } from "../storage/namespace-files.js";
import type { WorkingDirectory } from "../storage/working-directory.js";

export interface TaskLogger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface TaskContext {
  readonly executionId: string;
  readonly namespace: string;
  readonly flowId: string;
  readonly taskId: string;
  readonly taskRunId: string;
  /** 1-based number of this attempt. */
  readonly attemptNumber: number;
  /** The task's properties as the flow declares them (defaults applied, not rendered). */
  readonly properties: Readonly<Record<string, unknown>>;
  /** Renders a property: strings are templates (typed when one expression), maps and lists recursively. */
  render(value: unknown): Promise<unknown>;
  /** Renders a template to text; `variables` are merged over the run's (an item's fields, say). */
  renderString(template: string, variables?: Readonly<Record<string, unknown>>): Promise<string>;
  readonly logger: TaskLogger;
  /** Aborted when the task is killed or times out. */
  readonly signal: AbortSignal;
  now(): Date;
  /** Internal storage: files of this execution (and of its parent), new files in this task run's folder. */
  readonly storage: TaskStorage;
  /** The task's working directory: its own, or the one shared by the tasks of a WorkingDirectory. */
  readonly workingDirectory: WorkingDirectory;
  /** The KV store of every namespace (Kestra's `runContext.namespaceKv(namespace)`). */
  readonly kv: KvStore;
  /** The namespace files of every namespace (Kestra's `runContext.storage().namespace(namespace)`). */
  readonly namespaceFiles: NamespaceFiles;
  /**
   * The log lines of an execution (Kestra's log repository, as the log Fetch task reads it): this
   * one's lines so far, or another's; undefined when the host knows no such execution.
   */
  executionLogs(executionId: string): Promise<readonly LogLine[] | undefined>;
  /** Kestra's ExecutionService.purge (the PurgeExecutions task): other executions, deleted as asked. */
  purgeExecutions(request: PurgeRequest): Promise<PurgeCounts>;
  /** Kestra's PurgeLogs: the matching log lines of every execution, deleted; how many. */
  purgeLogs(request: LogPurgeRequest): Promise<number>;
  /**
   * Kestra's RunContext.encrypt: the text encrypted with `kestra.encryption.secret-key`, or
   * the text itself (with a warning in the task's logs) when no key is configured.
   */
  encrypt(plaintext: string): string;
  /** A new unique id, as Kestra's IdUtils.create (e.g. the task id of a dynamic task run). */
  newId(): string;
}

/** How a task ended: SUCCESS unless it says otherwise, with its outputs. */
export interface TaskOutcome {
  readonly state?: "SUCCESS" | "WARNING" | "FAILED";
  readonly outputs?: Readonly<Record<string, unknown>>;
  /**
   * Labels to set on the execution (Labels task): a key already there gets the new value
   * in place, a new key is appended. The executor applies them to the execution's labels
   * as they are when the task ends, as Kestra's ExecutionUpdatableTask does.
   */
  readonly labels?: readonly Label[];
  /** Ends the execution at once in this state (Exit task); the task run ends in it too. */
  readonly exit?: ExitState;
  /**
   * Task runs the task created while it ran (Kestra's `RunContext.dynamicWorkerResult`),
   * with task ids the flow lacks: the executor adds them to the execution, marked
   * `dynamic`, under their parent (this task run unless said otherwise), before this task
   * run ends. A failing task reports them through TaskFailure.
   */
  readonly dynamicTaskRuns?: readonly DynamicTaskRun[];
}

export type { DynamicTaskRun };

/** The states an Exit task can end an execution in (Kestra's `CANCELED` is the state `CANCELLED`). */
export type ExitState = Extract<StateType, "SUCCESS" | "WARNING" | "FAILED" | "KILLED" | "CANCELLED">;

/**
 * A task that fails on purpose (Fail, Assert) but still records outputs, and the dynamic
 * task runs it created before failing (Kestra's worker reports them whatever the outcome).
 */
export class TaskFailure extends Error {
  readonly code = "task.failed";
  constructor(
    message: string,
    readonly outputs?: Readonly<Record<string, unknown>>,
    readonly dynamicTaskRuns?: readonly DynamicTaskRun[],
  ) {
    super(message);
    this.name = "TaskFailure";
  }
}

export type RunTask = (context: TaskContext) => Promise<TaskOutcome | undefined>;
