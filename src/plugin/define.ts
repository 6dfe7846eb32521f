/**
 * The plugin contract: every Kestra type Tern knows is declared once, with zod schemas
 * for its own properties (the common ones — id, retry, runIf... — are added by the flow
 * model) and for its outputs. Behaviour hooks join these declarations as the executor
 * and runtime land; the declarations alone already drive validation and the JSON Schema.
 */
import type { z } from "zod";
import type { TaskBehaviour } from "../executor/flowable.js";
import type { Task } from "../flow/model.js";
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

export type ConditionDefinition<P extends z.ZodObject = z.ZodObject> = PluginInfo &
  WithSchemas<P, undefined> & { readonly category: "condition" };

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

export function defineCondition<P extends z.ZodObject>(spec: Spec<P, undefined>): ConditionDefinition<P> {
  return { ...spec, category: "condition" } as ConditionDefinition<P>;
}

export function defineTaskRunner<P extends z.ZodObject>(spec: Spec<P, undefined>): TaskRunnerDefinition<P> {
  return { ...spec, category: "taskRunner" } as TaskRunnerDefinition<P>;
}
