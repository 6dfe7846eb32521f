/**
 * An index of a parsed flow for the executor: every task by id, with the task that holds
 * it, the child list it is in (its group: `tasks`, `errors`, `finally`, `then`,
 * `cases.<value>`...) and its position there. Built once per flow.
 */
import type { Flow, Task } from "../flow/model.js";
import { fullSchema } from "../flow/validate-plugin.js";
import { mapSlots } from "../flow/zod-walk.js";
import type { PluginDefinition } from "../plugin/define.js";
import type { PluginRegistry } from "../plugin/registry.js";
import type { TaskRun } from "./model.js";

export interface IndexedTask {
  readonly task: Task;
  readonly plugin: PluginDefinition;
  /** Id of the task holding this one; undefined at the flow's top level. */
  readonly parentTaskId?: string;
  readonly group: string;
  readonly position: number;
}

export interface FlowIndex {
  readonly flow: Flow;
  task(id: string): IndexedTask;
  /** Child tasks of a flowable (or the flow, for undefined) in one group, disabled ones left out. */
  list(parentTaskId: string | undefined, group: string): readonly Task[];
  /** The enabled task after this one in its list, in constant time. */
  nextSibling(taskId: string): Task | undefined;
}

/**
 * The flow's task of a task run, or undefined for a dynamic task run: one a task reported
 * creating while it ran (Kestra's dynamic worker results), whose task id the flow lacks.
 * Code that meets task runs of any kind goes through here rather than `index.task`.
 */
export function taskOf(index: FlowIndex, run: TaskRun): IndexedTask | undefined {
  return run.dynamic ? undefined : index.task(run.taskId);
}

const cache = new WeakMap<Flow, FlowIndex>();

export function indexFlow(flow: Flow, registry: PluginRegistry): FlowIndex {
  const cached = cache.get(flow);
  if (cached) return cached;
  const tasks = new Map<string, IndexedTask>();
  const lists = new Map<string, Task[]>();

  const add = (
    task: Task,
    parentTaskId: string | undefined,
    group: string,
    position: number,
    internal?: PluginDefinition,
  ) => {
    const plugin = internal ?? registry.get(task.type);
    if (!plugin) throw new Error(`task ${task.id} has type ${task.type}, which the registry lacks`);
    tasks.set(task.id, { task, plugin, ...(parentTaskId === undefined ? {} : { parentTaskId }), group, position });
    const key = listKey(parentTaskId, group);
    if (!task.disabled) lists.set(key, [...(lists.get(key) ?? []), task]);
    if (plugin.category === "task" && plugin.kind === "flowable") {
      mapSlots(fullSchema(plugin), task, [], (kind, value, path) => {
        if (kind === "task" && value && typeof value === "object") {
          const index = [...path].reverse().find((p) => typeof p === "number") ?? 0;
          add(value as Task, task.id, groupOf(path), Number(index));
        }
        return value;
      });
      for (const [i, child] of (plugin.internalTasks?.(task) ?? []).entries()) {
        add(child.task, task.id, "tasks", i, child.plugin);
      }
    }
  };
  const top: [string, readonly Task[] | undefined][] = [
    ["tasks", flow.tasks],
    ["errors", flow.errors],
    ["finally", flow.finally],
    ["afterExecution", flow.afterExecution],
  ];
  for (const [group, list] of top) {
    for (const [i, task] of (list ?? []).entries()) add(task, undefined, group, i);
  }
  for (const [l, listener] of (flow.listeners ?? []).entries()) {
    for (const [i, task] of listener.tasks.entries()) add(task, undefined, `listeners.${l}`, i);
  }

  const next = new Map<string, Task | undefined>();
  for (const list of lists.values()) {
    for (const [i, task] of list.entries()) next.set(task.id, list[i + 1]);
  }

  const index: FlowIndex = {
    flow,
    task(id) {
      const found = tasks.get(id);
      if (!found) throw new Error(`flow ${flow.namespace}.${flow.id} has no task ${id}`);
      return found;
    },
    list: (parentTaskId, group) => lists.get(listKey(parentTaskId, group)) ?? [],
    nextSibling: (taskId) => next.get(taskId),
  };
  cache.set(flow, index);
  return index;
}

function listKey(parentTaskId: string | undefined, group: string): string {
  return `${parentTaskId ?? ""}/${group}`;
}

/** `["then", 0]` → `then`; `["cases", "A", 1]` → `cases.A`; Dag's `["tasks", 2, "task"]` → `tasks`. */
function groupOf(path: readonly (string | number)[]): string {
  const names = path.filter((p): p is string => typeof p === "string");
  if (names.at(-1) === "task" && names.length > 1) names.pop();
  return names.join(".");
}
