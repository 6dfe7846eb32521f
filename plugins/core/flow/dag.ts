/**
 * io.kestra.plugin.core.flow.Dag: runs each child once every task it `dependsOn` has ended,
 * at most `concurrent` at a time. Dependencies must name tasks of the same Dag, without cycles.
 */
import { z } from "zod";
import { childIds, taskRun } from "../../../src/executor/exec-state.js";
import { type FlowableContext, type Resolution, resolveConcurrent } from "../../../src/executor/flowable.js";
import { isTerminated } from "../../../src/executor/model.js";
import { type CheckIssue, defineFlowableTask } from "../../../src/plugin/define.js";
import { isPlainObject, task, taskList } from "../../../src/plugin/properties.js";

const dagTask = z.strictObject({
  task: task(),
  dependsOn: z
    .array(z.string(), { error: "must be a list of task ids" })
    .optional()
    .describe("Ids of the tasks of this Dag that must have ended before this one starts"),
});

interface DagEntry {
  readonly id: string;
  readonly dependsOn: readonly string[] | undefined;
}

/** The entries with their ids, or undefined when a child has no usable id (already reported elsewhere). */
function entriesOf(tasks: unknown): DagEntry[] | undefined {
  if (!Array.isArray(tasks)) return undefined;
  const entries: DagEntry[] = [];
  for (const item of tasks) {
    if (!isPlainObject(item) || !isPlainObject(item.task) || typeof item.task.id !== "string") return undefined;
    const dependsOn = Array.isArray(item.dependsOn)
      ? item.dependsOn.filter((d): d is string => typeof d === "string")
      : undefined;
    entries.push({ id: item.task.id, dependsOn });
  }
  return entries;
}

/** Every dependency id, in order, that names no task of the Dag (repeats kept, as Kestra lists them). */
function unknownDependencies(entries: readonly DagEntry[]): string[] {
  const ids = new Set(entries.map((e) => e.id));
  return entries.flatMap((e) => e.dependsOn ?? []).filter((d) => !ids.has(d));
}

/**
 * Kestra's dagCheckCyclicDependencies: in list order, each task with `dependsOn` whose
 * transitive dependencies lead back to itself.
 */
function cyclicTasks(entries: readonly DagEntry[]): string[] {
  const byId = new Map<string, DagEntry>();
  for (const entry of entries) if (!byId.has(entry.id)) byId.set(entry.id, entry);
  const reaches = (start: DagEntry): Set<string> => {
    const seen = new Set<string>();
    const pending = [...(start.dependsOn ?? [])];
    for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
      if (seen.has(id)) continue;
      seen.add(id);
      pending.push(...(byId.get(id)?.dependsOn ?? []));
    }
    return seen;
  };
  return entries.filter((e) => e.dependsOn !== undefined && reaches(e).has(e.id)).map((e) => e.id);
}

export default defineFlowableTask({
  type: "io.kestra.plugin.core.flow.Dag",
  aliases: ["io.kestra.core.tasks.flows.Dag"],
  title: "Run tasks in the order given by their dependencies.",
  properties: z.strictObject({
    tasks: z
      .array(dagTask, {
        error: (issue) => (issue.input == null ? "must not be empty" : "must be a list of `{task, dependsOn}`"),
      })
      .min(1, { error: "must not be empty" }),
    concurrent: z.number().int().min(0).default(0).describe("How many children may run at once; 0 means no limit"),
    errors: taskList().optional(),
    finally: taskList().optional(),
  }),
  // Kestra's DagTaskValidator: unknown dependencies first, then cycles; one message at most.
  check(properties): CheckIssue[] {
    const entries = entriesOf(properties.tasks);
    if (entries === undefined) return [];
    const unknown = unknownDependencies(entries);
    if (unknown.length > 0) {
      const index = entries.findIndex((e) => e.dependsOn?.some((d) => unknown.includes(d)));
      return [
        {
          message: `Not existing task id in dependency: ${unknown.join(", ")}`,
          path: ["tasks", index, "dependsOn"],
        },
      ];
    }
    const cyclic = cyclicTasks(entries);
    if (cyclic.length > 0) {
      const index = entries.findIndex((e) => e.id === cyclic[0]);
      return [{ message: `Cyclic dependency detected: ${cyclic.join(", ")}`, path: ["tasks", index, "dependsOn"] }];
    }
    return [];
  },
  behaviour: { resolve: resolveDag },
});

/**
 * A task starts once every task it depends on has ended (in any state), at most
 * `concurrent` at once; after a failure no new task starts, `errors` run, and the Dag fails.
 */
function resolveDag(context: FlowableContext): Resolution {
  const entries = entriesOf(context.task?.tasks) ?? [];
  const dependsOn = new Map(entries.map((e) => [e.id, e.dependsOn ?? []]));
  const created = new Set<string>();
  const ended = new Set<string>();
  for (const id of childIds(context.state, context.run?.id)) {
    const run = taskRun(context.state, id);
    if (context.groupOf(run) !== "tasks") continue;
    created.add(run.taskId);
    if (isTerminated(run.state.current)) ended.add(run.taskId);
  }
  const counts = context.counts("tasks");
  const failed = counts.failed > 0 || counts.killed > 0;
  if (!failed) {
    const limit = Number(context.task?.concurrent ?? 0);
    const slots = limit > 0 ? limit - (counts.total - counts.terminated) : Number.POSITIVE_INFINITY;
    const ready = context
      .list("tasks")
      .filter((task) => !created.has(task.id) && (dependsOn.get(task.id) ?? []).every((d) => ended.has(d)))
      .slice(0, Math.max(0, slots));
    if (ready.length > 0) return { next: ready.map((task) => ({ task, group: "tasks" })) };
    if (created.size < context.list("tasks").length && counts.terminated < counts.total) return { next: [] };
  }
  return resolveConcurrent(context, 0, { tasks: "tasks", errors: "errors", finally: "finally" });
}
