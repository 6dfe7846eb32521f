/**
 * Trigger conditions, evaluated as Kestra's ConditionService does: every condition must be
 * true, in order, stopping at the first that is not. A condition that fails to evaluate (a
 * variable it reads is missing, a date does not parse) counts as false, with its message kept
 * for the caller to log; a condition Tern cannot evaluate at all is refused with an error, so a
 * trigger never silently stops firing because of a missing feature.
 */
import { createExecState } from "../executor/exec-state.js";
import type { Execution } from "../executor/model.js";
import { type HostVariables, runVariables } from "../executor/variables.js";
import type { ExpressionEngine, RenderOptions } from "../expression/engine.js";
import type { Flow, PluginInstance } from "../flow/model.js";
import type { ConditionContext } from "../plugin/define.js";
import { isPlainObject } from "../plugin/properties.js";
import type { PluginRegistry } from "../plugin/registry.js";
import { messageOf } from "../util/errors.js";
import { ConditionError } from "./condition-support.js";

export interface ConditionEnvironment {
  readonly registry: PluginRegistry;
  readonly engine: ExpressionEngine;
  readonly flow: Flow;
  readonly execution?: Execution;
  /** What expressions render against: the run context of the flow and the execution. */
  readonly variables: Readonly<Record<string, unknown>>;
  readonly renderOptions?: RenderOptions;
}

/** The outcome of a trigger's conditions. */
export interface ConditionsResult {
  readonly met: boolean;
  /** The condition that could not be evaluated (and so counted as false), with why. */
  readonly failure?: { readonly type: string; readonly message: string };
}

/** Kestra's ConditionService.valid: all true (an empty list is), the first failure counts as false. */
export async function conditionsMet(
  conditions: readonly PluginInstance[] | undefined,
  environment: ConditionEnvironment,
): Promise<ConditionsResult> {
  for (const condition of conditions ?? []) {
    try {
      if (!(await testCondition(condition, environment))) return { met: false };
    } catch (error) {
      if (isUnsupported(error)) throw error;
      return { met: false, failure: { type: condition.type, message: messageOf(error) } };
    }
  }
  return { met: true };
}

/** One condition's result; throws when it cannot be evaluated. */
export async function testCondition(condition: PluginInstance, environment: ConditionEnvironment): Promise<boolean> {
  const plugin = environment.registry.get(condition.type);
  if (plugin?.category !== "condition") {
    throw new ConditionError("condition.unsupported", `Unknown condition type ${condition.type}`);
  }
  if (!plugin.test) {
    throw new ConditionError("condition.unsupported", `The condition ${plugin.type} cannot be evaluated by Tern yet`);
  }
  const { type: _type, ...own } = condition;
  const parsed = plugin.properties.safeParse(own);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    throw new ConditionError("condition.invalid", `Invalid condition ${plugin.type}: ${where}${issue?.message ?? ""}`);
  }
  return plugin.test(parsed.data, conditionContext(environment));
}

function conditionContext(environment: ConditionEnvironment): ConditionContext {
  const { engine, variables, renderOptions = {} } = environment;
  const withExtra = (extra?: Readonly<Record<string, unknown>>) => (extra ? deepMerge(variables, extra) : variables);
  return {
    flow: environment.flow,
    ...(environment.execution ? { execution: environment.execution } : {}),
    render: (value, extra) => engine.renderValueAsync(value, withExtra(extra), renderOptions),
    renderString: (template, extra) => engine.renderAsync(template, withExtra(extra), renderOptions),
    test: async (child) => {
      if (!isPlainObject(child) || typeof child.type !== "string") {
        throw new ConditionError("condition.invalid", "A condition must be a map with a `type`");
      }
      return testCondition(child, environment);
    },
  };
}

/** Kestra's MapUtils.merge: maps merged key by key, anything else replaced. */
function deepMerge(base: Readonly<Record<string, unknown>>, extra: Readonly<Record<string, unknown>>) {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return out;
}

function isUnsupported(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "condition.unsupported";
}

function _messageOf(error: unknown): string {
  return _messageOf(error);
}

/** What the run context of a flow and an execution holds besides them: envs, globals, rendering options. */
export interface ConditionHost {
  readonly registry: PluginRegistry;
  readonly engine: ExpressionEngine;
  readonly variables?: HostVariables;
  readonly renderOptions?: RenderOptions;
}

/**
 * The environment of a flow's conditions: with an execution, its run variables (Kestra's
 * `runContextFactory.of(flow, execution)`: flow, execution, labels, inputs with their defaults,
 * trigger...); without one, the flow's.
 */
export function conditionEnvironment(host: ConditionHost, flow: Flow, execution?: Execution): ConditionEnvironment {
  const variables = execution
    ? runVariables(createExecState(execution), flow, undefined, undefined, host.variables)
    : flowVariables(flow, host.variables);
  return {
    registry: host.registry,
    engine: host.engine,
    flow,
    ...(execution ? { execution } : {}),
    variables,
    ...(host.renderOptions ? { renderOptions: host.renderOptions } : {}),
  };
}

/** The variables of a flow without an execution: flow, envs, globals. */
export function flowVariables(flow: Flow, host: HostVariables = {}): Record<string, unknown> {
  return {
    flow: { id: flow.id, namespace: flow.namespace, revision: flow.revision ?? 1, tenantId: "main" },
    envs: host.envs ?? {},
    globals: host.globals ?? {},
  };
}
