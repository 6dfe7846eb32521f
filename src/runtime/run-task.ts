/**
 * Runs one runnable task for a `task.run` command and resolves to its `task.ended` event:
 * the part of carrying out commands every host shares (the local host, the Durable Object).
 * It builds the run variables and the TaskContext (rendering, logs, storage, working
 * directory, encryption), applies the task's timeout and a kill, and turns the outcome or
 * the exception into the event. The host supplies its services and the abort controller.
 */
import { Temporal } from "temporal-polyfill";
import type { ExecState } from "../executor/exec-state.js";
import type { FlowIndex } from "../executor/flow-index.js";
import { type ExecutorCommand, type ExecutorEvent, LOG_LEVELS, type LogLine } from "../executor/protocol.js";
import { timeoutMessage } from "../executor/step.js";
import { runVariables, taskrunVariable } from "../executor/variables.js";
import type { ExpressionEngine, RenderOptions } from "../expression/engine.js";
import type { RenderStores } from "../expression/extension.js";
import { encrypt } from "../expression/functions/support/encryption.js";
import type { DynamicTaskRun, TaskContext, TaskLogger } from "../plugin/task-context.js";
import { type BlobStore, taskStorage } from "../storage/internal.js";
import type { KvStore } from "../storage/kv-store.js";
import type { NamespaceFiles } from "../storage/namespace-files.js";
import { type SecretStore, secretMasker } from "../storage/secrets.js";
import { WorkingDirectory } from "../storage/working-directory.js";
import { messageOf } from "../util/errors.js";
import { renderStoresOf, unavailableKvStore, unavailableNamespaceFiles } from "./data-stores.js";
import type { PurgeCounts, PurgeRequest } from "./execution-purge.js";
import type { LogPurgeRequest } from "./log-purge.js";

export type TaskRunCommand = Extract<ExecutorCommand, { type: "task.run" }>;
export type TaskEndedEvent = Extract<ExecutorEvent, { type: "task.ended" }>;

/** What a host lends the tasks it runs. */
export interface TaskServices {
  readonly engine: ExpressionEngine;
  /** Internal storage (`kestra:///` files). */
  readonly storage: BlobStore;
  /** The KV store (the kv tasks and the `kv()` function). */
  readonly kv?: KvStore;
  /** Secrets (`secret()`); their values are masked in the task's log lines and error. */
  readonly secrets?: SecretStore;
  /** Namespace files (the namespace tasks, `read()`, `fileExists()`...). */
  readonly namespaceFiles?: NamespaceFiles;
  /** The log lines of another execution than the task's (the log Fetch task); undefined: unknown. */
  readonly executionLogs?: (executionId: string) => Promise<readonly LogLine[] | undefined>;
  /** Deletes other executions as the PurgeExecutions task asks (`asking`: the task's execution). */
  readonly purgeExecutions?: (request: PurgeRequest, asking: string) => Promise<PurgeCounts>;
  /** Deletes log lines as the PurgeLogs task asks; how many. */
  readonly purgeLogs?: (request: LogPurgeRequest) => Promise<number>;
  /** Storage the expression functions read (kv, secret...), over what the stores above give. */
  readonly stores?: RenderStores;
  /** `kestra.encryption.secret-key`. */
  readonly secretKey?: string;
  readonly now: () => Date;
  readonly newId: () => string;
  /** Calls `fire` at the epoch-millisecond instant `at`; returns a cancel function (the task's timeout). */
  readonly schedule: (at: number, fire: () => void) => () => void;
}

/** One task to run: where it belongs in its execution, and what the host knows around it. */
export interface TaskRequest {
  readonly state: ExecState;
  readonly index: FlowIndex;
  readonly command: TaskRunCommand;
  /** Aborting it stops the task: with a reason containing "killed" the task ends KILLED, else FAILED. */
  readonly controller: AbortController;
  /** The WorkingDirectory's shared directory when the command names one (undefined: it is not open). */
  readonly shared?: { readonly directory: WorkingDirectory; readonly ready: Promise<void> };
  /** Executions whose files the task may read besides its own (the one that started it). */
  readonly readable: readonly { namespace: string; flowId: string; id: string }[];
  /** The execution's log lines so far (Kestra's errorLogs() reads the ERROR ones). */
  readonly logs: () => readonly LogLine[];
  /** The execution's render stores (executionRenderStores), made once by the host. */
  readonly stores: RenderStores;
}

/** Runs the task the command names; never rejects: a failure is a FAILED (or KILLED) event. */
export async function runTask(request: TaskRequest, services: TaskServices): Promise<TaskEndedEvent> {
  const { state, index, command, controller, shared } = request;
  const run = state.runs.get(command.taskRunId);
  const entry = index.task(command.taskId);
  const plugin = entry.plugin;
  if (!run || plugin.category !== "task" || plugin.kind !== "runnable" || !plugin.run) {
    return {
      type: "task.ended",
      taskRunId: command.taskRunId,
      state: "FAILED",
      error: `Tern cannot run ${command.taskType} yet`,
    };
  }
  const hostVariables = services.secretKey ? { secretKey: services.secretKey } : {};
  const variables = runVariables(state, index.flow, run, entry.task.type, hostVariables);
  if (command.workingDirectory !== undefined) {
    // Kestra runs a WorkingDirectory's tasks in its run context: they see its `taskrun`.
    const parent = state.runs.get(command.workingDirectory);
    if (parent) variables.taskrun = taskrunVariable(parent);
  }
  const lines: LogLine[] = [];
  const directory = shared?.directory ?? new WorkingDirectory();
  // Secret values the task's renders read (Kestra masks those in the task run's logs).
  const secrets = new Set<string>();
  const context = taskContext(request, services, entry.task, variables, lines, directory, secrets);
  // Every secret the host holds is masked too: one read by another task may reach this one's logs.
  const masker = () => secretMasker([...secrets, ...(services.secrets?.values() ?? [])]);
  const timeout =
    command.timeoutMs === undefined
      ? undefined
      : services.schedule(services.now().getTime() + command.timeoutMs, () =>
          controller.abort(new Error(timeoutMessage(command.timeoutMs ?? 0))),
        );
  try {
    if (command.workingDirectory !== undefined && !shared) {
      throw new Error(`The working directory of ${command.workingDirectory} is not open`);
    }
    await shared?.ready;
    const outcome = await Promise.race([plugin.run(context), aborted(controller.signal)]);
    return {
      type: "task.ended",
      taskRunId: command.taskRunId,
      state: outcome?.state ?? "SUCCESS",
      ...(outcome?.outputs ? { outputs: outcome.outputs } : {}),
      ...(outcome?.labels ? { labels: outcome.labels } : {}),
      ...(outcome?.exit ? { exit: outcome.exit } : {}),
      ...(outcome?.dynamicTaskRuns?.length ? { dynamicTaskRuns: outcome.dynamicTaskRuns } : {}),
      // Most tasks log nothing: no masker is built for them.
      logs: lines.length === 0 ? lines : masked(lines, masker()),
    };
  } catch (error) {
    const killed = controller.signal.aborted && String(controller.signal.reason).includes("killed");
    const outputs = (error as { outputs?: Readonly<Record<string, unknown>> }).outputs;
    const dynamicTaskRuns = (error as { dynamicTaskRuns?: readonly DynamicTaskRun[] }).dynamicTaskRuns;
    const mask = masker();
    return {
      type: "task.ended",
      taskRunId: command.taskRunId,
      state: killed ? "KILLED" : "FAILED",
      error: mask(messageOf(error)),
      ...(outputs ? { outputs } : {}),
      ...(dynamicTaskRuns?.length ? { dynamicTaskRuns } : {}),
      logs: masked(lines, mask),
    };
  } finally {
    timeout?.();
  }
}

/** The options of an execution's renders (its tasks' and the executor's): its stores and its clock. */
export type ExecutionRenderOptions = RenderOptions & { readonly stores: RenderStores };

/**
 * What the expression functions of an execution's renders read (its tasks' and the executor's):
 * the host's stores (kv, secrets, namespace files), the files of the execution and of the one
 * that started it, and its ERROR log lines.
 */
export function executionRenderStores(
  services: TaskServices,
  execution: { readonly namespace: string; readonly flowId: string; readonly id: string },
  readable: TaskRequest["readable"],
  logs: () => readonly LogLine[],
): RenderStores {
  const files = taskStorage(services.storage, execution, { taskId: "", taskRunId: "" }, readable);
  const namespaceFilesUri = `kestra:///${execution.namespace.replaceAll(".", "/")}/_files/`;
  return {
    ...renderStoresOf(services),
    ...services.stores,
    // read('kestra:///...'): files of this execution and of the one that started it, or
    // (the function checked it) a namespace file of the flow's namespace.
    readInternal: async (uri: string) => {
      if (!uri.startsWith(namespaceFilesUri)) return files.getText(uri);
      const bytes = await services.storage.get(uri);
      return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
    },
    // The worker reads the execution's ERROR logs (Kestra's errorLogs()).
    errorLogs: async () =>
      logs()
        .filter((line) => line.level === "ERROR")
        .map((line) => ({
          ...line,
          executionId: execution.id,
          namespace: execution.namespace,
          flowId: execution.flowId,
        })),
  } as RenderStores;
}

function taskContext(
  request: TaskRequest,
  services: TaskServices,
  properties: Readonly<Record<string, unknown>>,
  variables: Readonly<Record<string, unknown>>,
  lines: LogLine[],
  workingDirectory: WorkingDirectory,
  secrets: Set<string>,
): TaskContext {
  const { command, state } = request;
  const engine = services.engine;
  // A task's `logLevel` drops its lines below that level.
  const minimum = LOG_LEVELS.indexOf((properties.logLevel as LogLine["level"] | undefined) ?? "TRACE");
  const log =
    (level: LogLine["level"]) =>
    (message: string): void => {
      if (LOG_LEVELS.indexOf(level) < minimum) return;
      lines.push({
        taskRunId: command.taskRunId,
        taskId: command.taskId,
        attemptNumber: command.attemptNumber,
        level,
        message,
        timestamp: services.now().toISOString(),
      });
    };
  const logger: TaskLogger = {
    trace: log("TRACE"),
    debug: log("DEBUG"),
    info: log("INFO"),
    warn: log("WARN"),
    error: log("ERROR"),
  };
  const execution = state.execution;
  const storage = taskStorage(
    services.storage,
    execution,
    { taskId: command.taskId, taskRunId: command.taskRunId },
    request.readable,
  );
  const options: RenderOptions = {
    now: () => Temporal.Instant.fromEpochMilliseconds(services.now().getTime()),
    registerSecret: (value) => secrets.add(value),
    stores: request.stores,
  };
  return {
    executionId: execution.id,
    namespace: execution.namespace,
    flowId: execution.flowId,
    taskId: command.taskId,
    taskRunId: command.taskRunId,
    attemptNumber: command.attemptNumber,
    properties,
    render: (value) => engine.renderValueAsync(value, variables, options),
    renderString: (template, extra) =>
      engine.renderAsync(template, extra === undefined ? variables : { ...variables, ...extra }, options),
    logger,
    signal: request.controller.signal,
    now: () => services.now(),
    storage,
    workingDirectory,
    kv: services.kv ?? unavailableKvStore(),
    namespaceFiles: services.namespaceFiles ?? unavailableNamespaceFiles(),
    purgeExecutions: async (purge) => {
      if (!services.purgeExecutions) throw new Error("Purging executions is not available on this host");
      return services.purgeExecutions(purge, execution.id);
    },
    purgeLogs: async (purge) => {
      if (!services.purgeLogs) throw new Error("Purging logs is not available on this host");
      return services.purgeLogs(purge);
    },
    executionLogs: async (executionId) =>
      executionId === execution.id ? request.logs() : await services.executionLogs?.(executionId),
    encrypt: (plaintext) => {
      const key = services.secretKey;
      if (key === undefined) {
        logger.warn("Unable to encrypt the output as encryption is not configured");
        return plaintext;
      }
      return encrypt(key, plaintext) ?? plaintext;
    },
    newId: services.newId,
  };
}

/** The log lines with secret values masked (only the lines that hold one are copied). */
function masked(lines: readonly LogLine[], mask: (text: string) => string): LogLine[] {
  return lines.map((line) => {
    const message = mask(line.message);
    return message === line.message ? line : { ...line, message };
  });
}

function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}
