/**
 * The plugin contract: every Kestra type Tern knows is declared once, with zod schemas
 * for its own properties (the common ones — id, retry, runIf... — are added by the flow
 * model) and for its outputs. Behaviour hooks join these declarations as the executor
 * and runtime land; the declarations alone already drive validation and the JSON Schema.
 */
import type { z } from "zod";
import type { TaskBehaviour } from "../executor/flowable.js";
import type { Execution } from "../executor/model.js";
import type { Flow, PluginInstance, Task } from "../flow/model.js";
import type { RunTask } from "./task-context.js";

export type PluginCategory = "task" | "trigger" | "condition" | "taskRunner";

/** Runnable tasks do work (on the host or the script runner); flowable tasks decide what runs next. */
export type TaskKind = "runnable" | "flowable";

export interface PluginInfo {
  /** The canonical Kestra 1.x type, e.g. `io.kestra.plugin.core.log.Log`. */
  readonly type: string;
  /** Older names Kestra still accepts for this type. */
  readonly aliases?: readonly string[];
  /** One line for docs and the JSON Schema. */
  readonly title: string;
  /** Set when Kestra marks the type deprecated: what to use instead. */
  readonly deprecated?: string;
  /** Property names Kestra renamed, old name → new name (e.g. `delay` → `pauseDuration`). */
  readonly renamedProperties?: Readonly<Record<string, string>>;
  /**
   * Checks beyond the property schema, run once the properties are valid. Each message
   * is reported against the task, prefixed by its id as Kestra does (`dag: Cyclic ...`).
   */
  readonly check?: (properties: Record<string, unknown>, context: CheckContext) => readonly CheckIssue[];
}

/** What a plugin check may know about the flow it sits in. */
export interface CheckContext {
  readonly flowId: string;
  readonly namespace: string;
  /** Resolves a type (or alias) to its plugin, for checks that look at child tasks. */
  readonly lookup: (type: string) => PluginDefinition | undefined;
}

export interface CheckIssue {
  readonly message: string;
  /** Property path under the task, when the issue is about one property. */
  readonly path?: readonly (string | number)[];
}

/** Zod schemas of a plugin's own properties and, when it has any, of its outputs. */
type WithSchemas<P extends z.ZodObject, O extends z.ZodType | undefined> = {
  readonly properties: P;
} & (O extends z.ZodType ? { readonly outputs: O } : { readonly outputs?: undefined });

export type RunnableTaskDefinition<
  P extends z.ZodObject = z.ZodObject,
  O extends z.ZodType | undefined = z.ZodType | undefined,
> = PluginInfo &
  WithSchemas<P, O> & {
    readonly category: "task";
    readonly kind: "runnable";
    /** Script tasks run on the remote script runner, not inside the host. */
    readonly runsOn: "host" | "runner";
    /** What the task does; a declared type without it is reported as not runnable yet. */
    readonly run?: RunTask;
    /**
     * For tasks that only wait (Sleep): the property holding how long. The executor sets a
     * timer instead of running anything, so a wait never blocks a host or a Durable Object.
     */
    readonly waitsFor?: string;
  };

export type FlowableTaskDefinition<
  P extends z.ZodObject = z.ZodObject,
  O extends z.ZodType | undefined = z.ZodType | undefined,
> = PluginInfo &
  WithSchemas<P, O> & {
    readonly category: "task";
    readonly kind: "flowable";
    /** How the executor resolves its children and final state. */
    readonly behaviour?: TaskBehaviour;
    /**
     * Children the task expands into that the flow does not write (ForEachItem's `_split`,
     * `_items` and `_merge`), each with its own internal plugin, never registered.
     */
    readonly internalTasks?: (task: Task) => readonly InternalTask[];
  };

/** A child task made up by its parent, and the plugin that runs it. */
export interface InternalTask {
  readonly task: Task;
  readonly plugin: TaskDefinition;
}

export type TriggerDefinition<
  P extends z.ZodObject = z.ZodObject,
  O extends z.ZodType | undefined = z.ZodType | undefined,
> = PluginInfo & WithSchemas<P, O> & { readonly category: "trigger" };

/**
 * What a condition is evaluated against: Kestra's ConditionContext. The variables behind
 * `render` are the run context of the flow and the execution (flow, execution, labels,
 * inputs, trigger, envs, globals...), so `{{ trigger.body.x }}` reads a webhook's request.
 */
export interface ConditionContext {
  /** The flow whose trigger holds the condition. */
  readonly flow: Flow;
  /** The execution being created (webhook) or the one whose end is seen (Flow trigger). */
  readonly execution?: Execution;
  /**
   * Renders a property: a string holding one expression gives its typed value, other strings
   * text, maps and lists inside. `extra` variables are merged over the context's (maps deeply).
   */
  render(value: unknown, extra?: Readonly<Record<string, unknown>>): Promise<unknown>;
  /** Renders a template to text. */
  renderString(template: string, extra?: Readonly<Record<string, unknown>>): Promise<string>;
  /** Evaluates a child condition (Not, Or); it throws as the child throws. */
  test(condition: PluginInstance): Promise<boolean>;
}

/**
 * Kestra's Condition.test: true or false, or an error when the condition cannot be evaluated
 * (a date that does not parse, no execution to look at...). Properties arrive parsed by the
 * condition's schema (defaults applied), not rendered.
 */
export type TestCondition<P = Record<string, unknown>> = (properties: P, context: ConditionContext) => Promise<boolean>;

export type ConditionDefinition<P extends z.ZodObject = z.ZodObject> = PluginInfo &
  WithSchemas<P, undefined> & {
    readonly category: "condition";
    /** How the condition evaluates; a declared condition without it cannot be evaluated yet. */
    test?(properties: z.output<P>, context: ConditionContext): Promise<boolean>;
  };

export type TaskRunnerDefinition<P extends z.ZodObject = z.ZodObject> = PluginInfo &
  WithSchemas<P, undefined> & { readonly category: "taskRunner" };

export type TaskDefinition = RunnableTaskDefinition | FlowableTaskDefinition;

export type PluginDefinition = TaskDefinition | TriggerDefinition | ConditionDefinition | TaskRunnerDefinition;

/** What a plugin file writes: its info, its properties and, optionally, its outputs. */
type Spec<P extends z.ZodObject, O extends z.ZodType | undefined> = PluginInfo & {
  readonly properties: P;
  readonly outputs?: O;
};

export function defineRunnableTask<P extends z.ZodObject, O extends z.ZodType | undefined = undefined>(
  spec: Spec<P, O> & { readonly runsOn?: "host" | "runner"; readonly run?: RunTask; readonly waitsFor?: string },
): RunnableTaskDefinition<P, O> {
  return {
    ...spec,
    runsOn: spec.runsOn ?? "host",
    category: "task",
    kind: "runnable",
  } as unknown as RunnableTaskDefinition<P, O>;
}

export function defineFlowableTask<P extends z.ZodObject, O extends z.ZodType | undefined = undefined>(
  spec: Spec<P, O> & {
    readonly behaviour?: TaskBehaviour;
    readonly internalTasks?: (task: Task) => readonly InternalTask[];
  },
): FlowableTaskDefinition<P, O> {
  return { ...spec, category: "task", kind: "flowable" } as unknown as FlowableTaskDefinition<P, O>;
}

export function defineTrigger<P extends z.ZodObject, O extends z.ZodType | undefined = undefined>(
  spec: Spec<P, O>,
): TriggerDefinition<P, O> {
  return { ...spec, category: "trigger" } as unknown as TriggerDefinition<P, O>;
}

export function defineCondition<P extends z.ZodObject>(
  spec: Spec<P, undefined> & { readonly test?: TestCondition<z.output<P>> },
): ConditionDefinition<P> {
  return { ...spec, category: "condition" } as ConditionDefinition<P>;
}

export function defineTaskRunner<P extends z.ZodObject>(spec: Spec<P, undefined>): TaskRunnerDefinition<P> {
  return { ...spec, category: "taskRunner" } as TaskRunnerDefinition<P>;
}
