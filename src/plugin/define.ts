/**
 * The plugin contract: every Kestra type Tern knows is declared once, with zod schemas
 * for its own properties (the common ones — id, retry, runIf... — are added by the flow
 * model) and for its outputs. Behaviour hooks join these declarations as the executor
 * and runtime land; the declarations alone already drive validation and the JSON Schema.
 */
import type { z } from "zod";

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

interface WithSchemas<P extends z.ZodObject, O extends z.ZodType | undefined> {
  readonly properties: P;
  readonly outputs?: O;
}

export interface RunnableTaskDefinition<
  P extends z.ZodObject = z.ZodObject,
  O extends z.ZodType | undefined = z.ZodType | undefined,
> extends PluginInfo,
    WithSchemas<P, O> {
  readonly category: "task";
  readonly kind: "runnable";
  /** Script tasks run on the remote script runner, not inside the host. */
  readonly runsOn: "host" | "runner";
}

export interface FlowableTaskDefinition<
  P extends z.ZodObject = z.ZodObject,
  O extends z.ZodType | undefined = z.ZodType | undefined,
> extends PluginInfo,
    WithSchemas<P, O> {
  readonly category: "task";
  readonly kind: "flowable";
}

export interface TriggerDefinition<
  P extends z.ZodObject = z.ZodObject,
  O extends z.ZodType | undefined = z.ZodType | undefined,
> extends PluginInfo,
    WithSchemas<P, O> {
  readonly category: "trigger";
}

export interface ConditionDefinition<P extends z.ZodObject = z.ZodObject>
  extends PluginInfo,
    WithSchemas<P, undefined> {
  readonly category: "condition";
}

export interface TaskRunnerDefinition<P extends z.ZodObject = z.ZodObject>
  extends PluginInfo,
    WithSchemas<P, undefined> {
  readonly category: "taskRunner";
}

export type TaskDefinition = RunnableTaskDefinition | FlowableTaskDefinition;

export type PluginDefinition = TaskDefinition | TriggerDefinition | ConditionDefinition | TaskRunnerDefinition;

type Spec<D> = Omit<D, "category" | "kind">;

export function defineRunnableTask<P extends z.ZodObject, O extends z.ZodType | undefined = undefined>(
  spec: Omit<Spec<RunnableTaskDefinition<P, O>>, "runsOn"> & { runsOn?: "host" | "runner" },
): RunnableTaskDefinition<P, O> {
  return { ...spec, runsOn: spec.runsOn ?? "host", category: "task", kind: "runnable" };
}

export function defineFlowableTask<P extends z.ZodObject, O extends z.ZodType | undefined = undefined>(
  spec: Spec<FlowableTaskDefinition<P, O>>,
): FlowableTaskDefinition<P, O> {
  return { ...spec, category: "task", kind: "flowable" };
}

export function defineTrigger<P extends z.ZodObject, O extends z.ZodType | undefined = undefined>(
  spec: Spec<TriggerDefinition<P, O>>,
): TriggerDefinition<P, O> {
  return { ...spec, category: "trigger" };
}

export function defineCondition<P extends z.ZodObject>(spec: Spec<ConditionDefinition<P>>): ConditionDefinition<P> {
  return { ...spec, category: "condition" };
}

export function defineTaskRunner<P extends z.ZodObject>(spec: Spec<TaskRunnerDefinition<P>>): TaskRunnerDefinition<P> {
  return { ...spec, category: "taskRunner" };
}
