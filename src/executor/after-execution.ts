/**
 * What runs once an execution is terminated (Kestra 1.x ExecutorService.handleAfterExecution):
 * first the tasks of the deprecated `listeners` whose `conditions` all hold, one after
 * another, then the `afterExecution` tasks, one after another. Each task starts once the
 * previous one ended, whatever its state, and none of them changes the execution's state.
 */
import type { PluginInstance } from "../flow/model.js";
import { messageOf } from "../util/errors.js";
import { childCounts, type ExecState } from "./exec-state.js";
import type { FlowIndex } from "./flow-index.js";
import type { ChildSpec } from "./flowable.js";
import type { StateType } from "./model.js";

export const AFTER_EXECUTION = "afterExecution";
const LISTENERS = "listeners.";

/** The top-level groups of the after-execution phase: `listeners.<n>` and `afterExecution`. */
export function isAfterGroup(group: string): boolean {
  return group === AFTER_EXECUTION || group.startsWith(LISTENERS);
}

/** Renders a condition property against the execution's variables. */
export type ConditionRender = (template: unknown) => unknown;

/** A listener's conditions: true when all hold, or why one cannot be evaluated. */
export function listenerConditionsHold(
  conditions: readonly PluginInstance[] | undefined,
  state: StateType,
  render: ConditionRender,
): { readonly valid: boolean; readonly problem?: string } {
  for (const condition of conditions ?? []) {
    const result = conditionHolds(condition, state, render);
    if (typeof result === "string") return { valid: false, problem: result };
    if (!result) return { valid: false };
  }
  return { valid: true };
}

const EXECUTION_STATUS = new Set([
  "io.kestra.plugin.core.condition.ExecutionStatus",
  "io.kestra.plugin.core.condition.ExecutionStatusCondition",
  "io.kestra.core.models.conditions.types.ExecutionStatusCondition",
]);

const EXPRESSION = new Set([
  "io.kestra.plugin.core.condition.Expression",
  "io.kestra.plugin.core.condition.ExpressionCondition",
  "io.kestra.core.models.conditions.types.VariableCondition",
]);

/** One condition; a string says why it cannot be evaluated. */
function conditionHolds(condition: PluginInstance, state: StateType, render: ConditionRender): boolean | string {
  try {
    if (EXECUTION_STATUS.has(condition.type)) {
      const within = states(condition.in, render);
      const without = states(condition.notIn, render);
      return (within === undefined || within.includes(state)) && (without === undefined || !without.includes(state));
    }
    if (EXPRESSION.has(condition.type)) {
      const value = render(condition.expression);
      return value !== null && value !== undefined && !["", "false"].includes(String(value).trim());
    }
  } catch (error) {
    return `condition ${condition.type} failed: ${messageOf(error)}`;
  }
  return `Tern cannot evaluate the listener condition ${condition.type} yet`;
}

/** A state list given as a list, or as an expression rendering to one (or to its JSON). */
function states(value: unknown, render: ConditionRender): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const rendered = typeof value === "string" ? render(value) : value;
  const list = typeof rendered === "string" ? JSON.parse(rendered) : rendered;
  if (!Array.isArray(list)) throw new Error(`a list of states is expected, got ${String(rendered)}`);
  return list.map(String);
}

/**
 * The next task of the after-execution phase, given the indices of the listeners whose
 * conditions hold: undefined while one runs, or when all are done.
 */
export function nextAfterTask(state: ExecState, index: FlowIndex, listeners: readonly number[]): ChildSpec | undefined {
  const specs: ChildSpec[] = [];
  for (const l of listeners) {
    for (const task of index.list(undefined, `${LISTENERS}${l}`)) specs.push({ task, group: `${LISTENERS}${l}` });
  }
  for (const task of index.list(undefined, AFTER_EXECUTION)) specs.push({ task, group: AFTER_EXECUTION });
  let created = 0;
  for (const group of new Set(specs.map((spec) => spec.group))) {
    const counts = childCounts(state, undefined, group);
    if (counts.terminated < counts.total) return undefined;
    created += counts.total;
  }
  return specs[created];
}
