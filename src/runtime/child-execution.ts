/**
 * What every host does for a `subflow.start` command before it runs the child: checks the
 * flow (found, at the revision asked, enabled), validates the inputs as the API validates
 * them, and builds the child execution with its labels, trigger and schedule date. Also the
 * executions whose files a task may read besides its own: the one that started it.
 */
import type { Execution } from "../executor/model.js";
import { newExecution } from "../executor/new-execution.js";
import type { ExecutorCommand, ExecutorEvent } from "../executor/protocol.js";
import type { ExpressionEngine } from "../expression/engine.js";
import type { Flow } from "../flow/model.js";
import { resolveInputs } from "../inputs/index.js";
import { type BlobStore, taskPath } from "../storage/internal.js";
import { ionLine } from "../storage/ion.js";
import { messageOf } from "../util/errors.js";

export type SubflowStart = Extract<ExecutorCommand, { type: "subflow.start" }>;

export type ChildExecution =
  | { readonly ok: true; readonly flow: Flow; readonly execution: Execution }
  | { readonly ok: false; readonly error: string };

export interface ChildDeps {
  readonly engine: ExpressionEngine;
  /** Where FILE inputs are read from (the parent's files). */
  readonly files: BlobStore;
  /** ISO instant of the child's creation. */
  readonly now: string;
}

/** Why no child was created when its flow is not found. */
export function flowNotFound(command: SubflowStart): string {
  const revision = command.revision === undefined ? "" : ` with revision ${command.revision}`;
  return `Unable to find flow '${command.namespace}'.'${command.flowId}'${revision}`;
}

/** The child execution `command` asks for, with id `id`, or why it cannot be created. */
export async function childExecution(
  flow: Flow | undefined,
  command: SubflowStart,
  id: string,
  deps: ChildDeps,
): Promise<ChildExecution> {
  if (!flow) return { ok: false, error: flowNotFound(command) };
  if (flow.disabled) {
    return { ok: false, error: `Cannot execute the flow '${command.namespace}'.'${command.flowId}': it is disabled` };
  }
  try {
    const resolved = await resolveInputs(flow.inputs ?? [], command.inputs, {
      engine: deps.engine,
      execution: { id, namespace: flow.namespace, flowId: flow.id },
      files: deps.files,
    });
    if (resolved.errors.length > 0) return { ok: false, error: resolved.errors.map((e) => e.message).join("; ") };
    const execution = newExecution({
      id,
      flow,
      now: deps.now,
      inputs: resolved.values,
      labels: command.labels,
      trigger: command.trigger,
      ...(command.scheduleDate ? { scheduleDate: command.scheduleDate } : {}),
    });
    return { ok: true, flow, execution };
  } catch (error) {
    return { ok: false, error: messageOf(error) };
  }
}

type Owner = { readonly namespace: string; readonly flowId: string; readonly id: string };

/**
 * The executions whose files the tasks of `execution` may read besides its own: the one that
 * started it (a Subflow's parent, a Flow trigger's execution), named by its trigger variables.
 */
export function readableExecutions(execution: Pick<Execution, "trigger">): Owner[] {
  const variables = execution.trigger?.variables;
  const id = variables?.executionId;
  const namespace = variables?.namespace;
  const flowId = variables?.flowId;
  if (typeof id !== "string" || typeof namespace !== "string" || typeof flowId !== "string") return [];
  return [{ namespace, flowId, id }];
}

/**
 * A ForEachItem batch ended: its flow outputs, when it has some, go where `_merge` reads them,
 * `<the _items task run's folder>/<iteration>/outputs.ion` (Kestra's subflowOutputsBaseUri).
 */
export async function storeBatchOutputs(
  storage: BlobStore,
  parent: Owner,
  run: { readonly taskId: string; readonly id: string },
  ended: Extract<ExecutorEvent, { type: "subflow.ended" }>,
): Promise<void> {
  if (ended.iteration === undefined || !ended.outputs) return;
  const path = `${taskPath(parent, run.taskId, run.id)}/${ended.iteration}/outputs.ion`;
  await storage.put(path, new TextEncoder().encode(ionLine(ended.outputs)));
}
