/**
 * A TaskContext for unit tests of runnable tasks: the plugin's own property schema (defaults
 * applied, as the flow parser leaves them), rendering by the real expression engine over
 * given variables, internal storage in memory under Kestra's access rule, ids that count
 * and the log lines kept. `renderString(template, extra)` merges `extra` over the variables,
 * as Kestra's `runContext.render(expression, variables)` does.
 */
import { createEngine } from "../../src/expression/index.js";
import type { RunnableTaskDefinition } from "../../src/plugin/define.js";
import type { TaskContext, TaskOutcome } from "../../src/plugin/task-context.js";
import { type ExecutionRef, MemoryBlobStore, taskStorage } from "../../src/storage/internal.js";
import { WorkingDirectory } from "../../src/storage/working-directory.js";
import { sequentialIds } from "../../src/util/ids.js";

export interface LoggedLine {
  readonly level: "TRACE" | "DEBUG" | "INFO" | "WARN" | "ERROR";
  readonly message: string;
}

export interface TestTaskOptions {
  readonly store?: MemoryBlobStore;
  readonly execution?: ExecutionRef;
  /** Other executions whose files the task may read (parent, trigger). */
  readonly readable?: readonly ExecutionRef[];
  readonly variables?: Readonly<Record<string, unknown>>;
  readonly signal?: AbortSignal;
  readonly taskId?: string;
}

export interface TestTask {
  readonly context: TaskContext;
  readonly store: MemoryBlobStore;
  readonly logs: LoggedLine[];
  /** Runs the plugin with this context. */
  run(): Promise<TaskOutcome | undefined>;
  /** Runs the plugin and resolves to its outputs (an error when it has none). */
  outputs<T = Record<string, unknown>>(): Promise<T>;
}

export const TEST_EXECUTION: ExecutionRef = { namespace: "company.team", flowId: "flow", id: "exec1" };

const engine = createEngine();

/** The context a plugin's `run` would get for a task with these properties. */
export function testTask(
  plugin: RunnableTaskDefinition,
  properties: Record<string, unknown>,
  options: TestTaskOptions = {},
): TestTask {
  const store = options.store ?? new MemoryBlobStore();
  const execution = options.execution ?? TEST_EXECUTION;
  const taskId = options.taskId ?? "task";
  const logs: LoggedLine[] = [];
  const variables = options.variables ?? {};
  const newId = sequentialIds("f");
  const log = (level: LoggedLine["level"]) => (message: string) => {
    logs.push({ level, message });
  };
  const context = {
    executionId: execution.id,
    namespace: execution.namespace,
    flowId: execution.flowId,
    taskId,
    taskRunId: "run1",
    attemptNumber: 1,
    properties: plugin.properties.parse(properties) as Record<string, unknown>,
    render: (value: unknown) => engine.renderValueAsync(value, variables),
    renderString: (template: string, extra?: Readonly<Record<string, unknown>>) =>
      engine.renderAsync(template, extra === undefined ? variables : { ...variables, ...extra }),
    logger: { trace: log("TRACE"), debug: log("DEBUG"), info: log("INFO"), warn: log("WARN"), error: log("ERROR") },
    signal: options.signal ?? new AbortController().signal,
    now: () => new Date("2024-01-02T03:04:05.123Z"),
    storage: taskStorage(store, execution, { taskId, taskRunId: "run1" }, options.readable ?? []),
    workingDirectory: new WorkingDirectory(),
    encrypt: (plaintext: string) => `encrypted(${plaintext})`,
    newId,
  } as TaskContext;
  const run = async () => {
    if (!plugin.run) throw new Error(`${plugin.type} has no run`);
    return plugin.run(context);
  };
  const outputs = async <T>() => {
    const outcome = await run();
    if (outcome?.outputs === undefined) throw new Error(`${plugin.type} ended without outputs`);
    return outcome.outputs as T;
  };
  return { context, store, logs, run, outputs };
}

/** Stores a text file in the test execution's folder (as an earlier task would) and returns its URI. */
export function putText(store: MemoryBlobStore, name: string, text: string, execution = TEST_EXECUTION) {
  const folder = `/${execution.namespace.replaceAll(".", "/")}/${execution.flowId}/executions/${execution.id}`;
  return store.put(`${folder}/tasks/previous/run0/${name}`, new TextEncoder().encode(text));
}

/** The text of a stored file. */
export async function textOf(store: MemoryBlobStore, uri: string): Promise<string> {
  const bytes = await store.get(uri);
  if (bytes === undefined) throw new Error(`no file at ${uri}`);
  return new TextDecoder().decode(bytes);
}
