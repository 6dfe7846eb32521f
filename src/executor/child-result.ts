/**
 * What a child execution reports to the Subflow task run that started it, once it ends:
 * its id, its state, and its outputs — the child flow's `outputs`, or the parent task's
 * deprecated `outputs` map rendered against the child execution (as Kestra renders them on
 * the child's side). Every host (local, Durable Objects) builds the event with this.
 */
import type { Flow } from "../flow/model.js";
import { messageOf } from "../util/errors.js";
import type { ExecState } from "./exec-state.js";
import { renderDeep } from "./flowable.js";
import type { ExecutorEvent } from "./protocol.js";
import { runVariables } from "./variables.js";

export function childEnded(
  child: ExecState,
  flow: Flow,
  parentTaskRunId: string,
  templates: Readonly<Record<string, unknown>> | undefined,
  render: (template: string, variables: Readonly<Record<string, unknown>>) => unknown,
): Extract<ExecutorEvent, { type: "subflow.ended" }> {
  const execution = child.execution;
  const base = { type: "subflow.ended" as const, taskRunId: parentTaskRunId, executionId: execution.id };
  if (templates === undefined) {
    return { ...base, state: execution.state.current, ...(execution.outputs ? { outputs: execution.outputs } : {}) };
  }
  const variables = runVariables(child, flow, undefined, undefined);
  try {
    const outputs = renderDeep(templates, (template) => render(template, variables)) as Record<string, unknown>;
    return { ...base, state: execution.state.current, outputs };
  } catch (error) {
    const message = messageOf(error);
    return { ...base, state: execution.state.current, error: `Failed to render the subflow outputs: ${message}` };
  }
}
