/**
 * io.kestra.plugin.core.flow.Subflow: starts an execution of another flow with the given
 * inputs and labels and, by default, waits for it and takes on its failure.
 * Outputs the child's execution id, final state and flow outputs.
 */
import { z } from "zod";
import type { ChildExecutionRequest, FlowableContext } from "../../../src/executor/flowable.js";
import { renderDeep } from "../../../src/executor/flowable.js";
import type { Label } from "../../../src/executor/model.js";
import { printValue } from "../../../src/expression/values.js";
import { type CheckIssue, defineFlowableTask } from "../../../src/plugin/define.js";
import { anyMap, dynamic, labels, state } from "../../../src/plugin/properties.js";

/** java.time.ZonedDateTime's ISO form: date, time, offset and an optional [zone]. */
export const zonedDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)(?:\[[^\]]+\])?$/, {
    error: "must be an ISO-8601 date-time with an offset, such as 2025-01-31T09:00:00+01:00",
  });

/** Labels as a map or a list of `{key, value}`, as `[key, value, path]` triples. */
function labelEntries(value: unknown): [string, unknown, (string | number)[]][] {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) =>
      item !== null && typeof item === "object" && typeof (item as { key?: unknown }).key === "string"
        ? [[(item as { key: string }).key, (item as { value?: unknown }).value, ["labels", index]]]
        : [],
    );
  }
  if (value !== null && typeof value === "object") {
    return Object.entries(value).map(([key, v]) => [key, v, ["labels", key]]);
  }
  return [];
}

/** Kestra's NoSystemLabelValidation on the labels given to a child execution. */
export function systemLabelIssues(value: unknown): CheckIssue[] {
  return labelEntries(value)
    .filter(([key]) => key.startsWith("system."))
    .map(([key, v, path]) => ({
      message: `System labels can only be set by Kestra itself, offending label: ${key}=${String(v)}.`,
      path,
    }));
}

/** What Subflow and ForEachItem both say about the executions they start. */
export const childExecutionProperties = {
  namespace: z.string().min(1).describe("Namespace of the flow to start (rendered)"),
  flowId: z.string().min(1).describe("Id of the flow to start (rendered)"),
  revision: z.number().int().min(1).optional().describe("Revision to start; the latest by default"),
  inputs: anyMap.optional().describe("Inputs of the child execution (rendered)"),
  labels: labels.optional().describe("Labels added to the child execution (rendered)"),
  inheritLabels: dynamic(z.boolean())
    .default(false)
    .describe("Give the child execution all the labels of this execution"),
  wait: z.boolean().default(true).describe("Wait for the child execution to end"),
  transmitFailed: z
    .boolean()
    .default(true)
    .describe("End like the child execution when it fails, is killed or warns (needs wait)"),
  scheduleDate: dynamic(zonedDateTime).optional().describe("Start the child execution at this date"),
  restartBehavior: z
    .enum(["RETRY_FAILED", "NEW_EXECUTION"])
    .default("RETRY_FAILED")
    .describe("On restart: restart the failed child execution, or create a new one"),
};

export default defineFlowableTask({
  type: "io.kestra.plugin.core.flow.Subflow",
  aliases: ["io.kestra.core.tasks.flows.Subflow", "io.kestra.core.tasks.flows.Flow"],
  title: "Start an execution of another flow.",
  properties: z.strictObject({
    ...childExecutionProperties,
    outputs: anyMap.optional().describe("Deprecated since Kestra 0.15: declare `outputs` in the child flow instead"),
  }),
  outputs: z.object({
    executionId: z.string().describe("Id of the child execution"),
    state: state.optional().describe("Final state of the child execution (when wait is true)"),
    outputs: anyMap.optional().describe("The child flow's outputs"),
  }),
  check(properties) {
    return systemLabelIssues(properties.labels);
  },
  behaviour: { childExecutions: (context) => [childExecution(context)] },
});

/** Labels given as a map or a list of `{key, value}`, rendered, values as text. */
export function renderLabels(value: unknown, render: (template: unknown) => unknown): Label[] {
  return labelEntries(value).map(([key, v]) => {
    const rendered = renderDeep(v, render);
    return { key, value: typeof rendered === "string" ? rendered : printValue(rendered) };
  });
}

/** The child execution a Subflow (or ForEachItem batch) asks for, rendered against the task run. */
export function childExecution(context: FlowableContext): ChildExecutionRequest {
  const task: Readonly<Record<string, unknown>> = context.task ?? {};
  const text = (name: string): string => {
    const value = context.render(task[name]);
    if (typeof value !== "string" || value === "") throw new Error(`\`${name}\` rendered to an empty value`);
    return value;
  };
  const inputs = task.inputs === undefined ? {} : renderDeep(task.inputs, context.render);
  const scheduleDate = task.scheduleDate === undefined ? undefined : String(context.render(task.scheduleDate));
  return {
    namespace: text("namespace"),
    flowId: text("flowId"),
    ...(typeof task.revision === "number" ? { revision: task.revision } : {}),
    inputs: inputs as Record<string, unknown>,
    labels: renderLabels(task.labels, context.render),
    inheritLabels: String(context.render(task.inheritLabels ?? false)) === "true",
    wait: task.wait !== false,
    transmitFailed: task.transmitFailed !== false,
    ...(scheduleDate ? { scheduleDate } : {}),
    ...(task.outputs && typeof task.outputs === "object" ? { outputs: task.outputs as Record<string, unknown> } : {}),
  };
}
