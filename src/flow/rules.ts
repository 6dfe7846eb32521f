/**
 * Rules about the flow as a whole (Kestra's FlowValidator): reserved ids, unique task,
 * trigger, input and output ids, recursive subflows, system labels, input dependencies
 * and references to dashed ids that Pebble would read as a subtraction.
 */
import type { PathSegment } from "./issues.js";
import { RESERVED_FLOW_IDS } from "./schema/flow.js";
import type { InputDeclaration } from "./schema/inputs.js";
import { type FoundTask, report, type WalkContext } from "./validate-plugin.js";

const SUBFLOW_TYPES = new Set(["io.kestra.plugin.core.flow.Subflow", "io.kestra.plugin.core.flow.ForEachItem"]);
const READ_ONLY_LABEL = "system.readOnly";

export interface FlowFacts {
  readonly id: string;
  readonly namespace: string;
  readonly labels: readonly { key: string; value: unknown }[];
  readonly inputs: readonly InputDeclaration[];
  readonly outputs: readonly { id: string; value?: unknown }[];
}

function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) repeated.add(id);
    seen.add(id);
  }
  return ids.filter((id, index) => repeated.has(id) && ids.indexOf(id) === index);
}

function flowRule(context: WalkContext, path: readonly PathSegment[], message: string): void {
  report(context, "flow.rule", path, `Invalid Flow: ${message}`);
}

export function checkFlowRules(context: WalkContext, flow: FlowFacts): void {
  if ((RESERVED_FLOW_IDS as readonly string[]).includes(flow.id)) {
    // Kestra 1.0 refuses these ids because they collide with its API paths; Tern's routes
    // do not collide, and Kestra's own test flows use `pause`, so Tern only warns.
    context.warnings.push(
      `Flow id is a reserved keyword in Kestra 1.x: ${flow.id}. List of reserved keywords: ${RESERVED_FLOW_IDS.join(", ")}`,
    );
  }
  const taskDuplicates = duplicates(context.tasks.map((t) => t.id));
  if (taskDuplicates.length > 0) flowRule(context, [], `Duplicate task id with name [${taskDuplicates.join(", ")}]`);
  const triggerDuplicates = duplicates(context.triggers.map((t) => t.id));
  if (triggerDuplicates.length > 0) {
    flowRule(context, ["triggers"], `Duplicate trigger id with name [${triggerDuplicates.join(", ")}]`);
  }
  for (const task of context.tasks) checkRecursion(context, flow, task);
  const inputDuplicates = duplicates(flow.inputs.map((i) => i.id));
  if (inputDuplicates.length > 0)
    flowRule(context, ["inputs"], `Duplicate input with name [${inputDuplicates.join(", ")}]`);
  checkInputDependencies(context, flow.inputs);
  const outputDuplicates = duplicates(flow.outputs.map((o) => o.id));
  if (outputDuplicates.length > 0) {
    flowRule(context, ["outputs"], `Duplicate output with name [${outputDuplicates.join(", ")}]`);
  }
  const preconditions = context.triggers
    .filter((t) => t.type === "io.kestra.plugin.core.trigger.Flow")
    .map((t) => (t.value.preconditions as { id?: unknown } | undefined)?.id)
    .filter((id): id is string => typeof id === "string");
  const preconditionDuplicates = duplicates(preconditions);
  if (preconditionDuplicates.length > 0) {
    flowRule(context, ["triggers"], `Duplicate preconditions with id [${preconditionDuplicates.join(", ")}]`);
  }
  flow.labels.forEach((label, index) => {
    if (label.key.startsWith("system.") && label.key !== READ_ONLY_LABEL) {
      flowRule(
        context,
        ["labels", index],
        `System labels can only be set by Kestra itself, offending label: ${label.key}=${String(label.value)}`,
      );
    }
  });
  checkDashedReferences(context, flow);
}

function checkRecursion(context: WalkContext, flow: FlowFacts, task: FoundTask): void {
  if (!SUBFLOW_TYPES.has(task.type)) return;
  if (task.value.flowId === flow.id && task.value.namespace === flow.namespace) {
    flowRule(context, task.path, `Recursive call to flow [${flow.namespace}.${flow.id}]`);
  }
}

function checkInputDependencies(context: WalkContext, inputs: readonly InputDeclaration[]): void {
  const graph = new Map(inputs.map((input) => [input.id, input.dependsOn?.inputs ?? []]));
  inputs.forEach((input, index) => {
    for (const dependency of input.dependsOn?.inputs ?? []) {
      if (!graph.has(dependency)) {
        flowRule(
          context,
          ["inputs", index, "dependsOn"],
          `Input with id '${input.id}' depends on a non-existent input '${dependency}'.`,
        );
      }
    }
    const cycle = findCycle(input.id, graph);
    if (cycle) {
      flowRule(
        context,
        ["inputs", index, "dependsOn"],
        `Cycle dependency detected for input with id '${input.id}': [${cycle.join(", ")}]`,
      );
    }
  });
}

/** Depth-first search from `start`; the ids forming the first cycle reached, if any. */
function findCycle(start: string, graph: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const visited = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (id: string): string[] | undefined => {
    if (onPath.has(id)) return path.slice(path.indexOf(id));
    if (visited.has(id)) return undefined;
    onPath.add(id);
    path.push(id);
    for (const next of graph.get(id) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    onPath.delete(id);
    path.pop();
    visited.add(id);
    return undefined;
  };
  return visit(start);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `{{ inputs.my-input }}` reads as `inputs.my - input`: Kestra refuses such references. */
function checkDashedReferences(context: WalkContext, flow: FlowFacts): void {
  const dashedInputs = flow.inputs.filter((i) => i.id.includes("-"));
  const dashedTasks = context.tasks.filter((t) => t.id.includes("-"));
  const inputPatterns = dashedInputs.map((i) => new RegExp(`\\{\\{\\s*inputs\\.${escapeRegex(i.id)}\\s*\\}\\}`));
  const outputPatterns = dashedTasks.map(
    (t) => new RegExp(`\\{\\{\\s*outputs\\.${escapeRegex(t.id)}\\.[^}]+\\s*\\}\\}`),
  );
  const offending = (patterns: RegExp[], value: unknown) =>
    patterns.length > 0 && patterns.some((p) => p.test(JSON.stringify(value)));
  const badInputs = context.tasks.filter((t) => offending(inputPatterns, ownProperties(t.value))).map((t) => t.id);
  if (badInputs.length > 0) {
    flowRule(
      context,
      [],
      `Invalid input reference: use inputs[key-name] instead of inputs.key-name — keys with dashes require bracket notation, offending tasks: [${badInputs.join(", ")}]`,
    );
  }
  const badOutputs = context.tasks.filter((t) => offending(outputPatterns, ownProperties(t.value))).map((t) => t.id);
  if (badOutputs.length > 0) {
    flowRule(
      context,
      [],
      `Invalid output reference: use outputs[key-name] instead of outputs.key-name — keys with dashes require bracket notation, offending tasks: [${badOutputs.join(", ")}]`,
    );
  }
  const badFlowOutputs = flow.outputs.filter((o) => offending(outputPatterns, o.value)).map((o) => o.id);
  if (badFlowOutputs.length > 0) {
    flowRule(
      context,
      ["outputs"],
      `Invalid output reference: use outputs[key-name] instead of outputs.key-name — keys with dashes require bracket notation, offending outputs: [${badFlowOutputs.join(", ")}]`,
    );
  }
}

/** A task's properties without its child tasks (each child is checked on its own). */
function ownProperties(task: Record<string, unknown>): Record<string, unknown> {
  const {
    tasks: _tasks,
    errors: _errors,
    finally: _finally,
    then: _then,
    else: _else,
    cases: _cases,
    defaults: _defaults,
    ...own
  } = task;
  return own;
}
