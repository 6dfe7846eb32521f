/**
 * ForEach, EachSequential and EachParallel: the iteration values (Kestra's rules for
 * rendering and serialising them) and the children to create for each value, one after
 * another or at most `limit` at a time.
 */

import type { List } from "immutable";
import { javaString, toJson } from "../expression/values.js";
import type { Task } from "../flow/model.js";
import { childIds, memoized, taskRun } from "./exec-state.js";
import { type ChildSpec, type FlowableContext, guessFinalState, type Resolution, renderDeep } from "./flowable.js";

/**
 * The values to iterate over: a string is rendered then read as a JSON array; a list has
 * its strings rendered and its maps rendered then written as JSON. Values are distinct; a
 * null is an error, as in Kestra.
 */
export function eachValues(raw: unknown, context: FlowableContext): string[] {
  let items: unknown[];
  if (typeof raw === "string") {
    const rendered = context.render(raw);
    const parsed = typeof rendered === "string" ? JSON.parse(rendered) : rendered;
    if (!Array.isArray(parsed))
      throw new Error(`Invalid value for 'values': expected a list, got ${javaString(parsed)}`);
    items = parsed;
  } else if (Array.isArray(raw)) {
    items = raw.map((item) => renderDeep(item, (template) => context.render(template)));
  } else {
    throw new Error(`Invalid value for 'values': expected a list or a JSON array, got ${javaString(raw)}`);
  }
  const nulls = items.filter((item) => item === null || item === undefined).length;
  if (nulls > 0) throw new Error(`Found '${nulls}' null values on Each, with values=${javaString(items)}`);
  const values = items.map((item) =>
    typeof item === "string" ? item : typeof item === "object" ? toJson(item) : javaString(item),
  );
  return [...new Set(values)];
}

/**
 * The values of an Each flowable, rendered once per running period of its task run and then
 * kept: resolving again after every child must not re-render (and re-serialise) them.
 */
export function memoizedEachValues(raw: unknown, context: FlowableContext): string[] {
  const run = context.run;
  if (run === undefined) return eachValues(raw, context);
  // A new state (a resume, a restart) may render them again.
  const key = `each.values:${run.id}:${run.state.histories.length}`;
  return memoized(context.state, key, () => eachValues(raw, context));
}

/**
 * Children for each value: every task of `tasks` gets a run per value. With limit 1 they run
 * one after another (value by value); otherwise at most `limit` unfinished children at once
 * (0 = no limit). A failure stops new children; `errors` then run, and the state is FAILED.
 */
export function resolveEach(context: FlowableContext, values: readonly string[], limit: number): Resolution {
  const tasks = context.list("tasks");
  const counts = context.counts("tasks");
  if (values.length === 0 || tasks.length === 0) return { next: [], state: "SUCCESS" };
  const failed = counts.failed > 0 || counts.killed > 0;
  const expected = values.length * tasks.length;
  if (!failed && counts.total < expected) {
    const running = counts.total - counts.terminated;
    if (limit === 1) {
      if (running > 0) return { next: [] };
      const i = counts.total;
      const task = tasks[i % tasks.length];
      const value = values[Math.floor(i / tasks.length)];
      return task && value !== undefined ? { next: [{ task, group: "tasks", value }] } : { next: [] };
    }
    return {
      next: concurrentChildren(context, values, tasks, limit === 0 ? Number.POSITIVE_INFINITY : limit - running),
    };
  }
  if (counts.terminated < counts.total) return { next: [] };
  if (counts.failed > 0) {
    const errors = context.list("errors");
    const errorCounts = context.counts("errors");
    if (errorCounts.terminated < errorCounts.total) return { next: [] };
    const next = errors[errorCounts.total];
    if (next) return { next: [{ task: next, group: "errors" }] };
  }
  return { next: [], state: guessFinalState(counts) };
}

/**
 * Kestra's resolveConcurrentNexts: for each value in order, its first task not yet created
 * is a candidate; up to `slots` candidates are created.
 */
function concurrentChildren(
  context: FlowableContext,
  values: readonly string[],
  tasks: readonly Task[],
  slots: number,
): ChildSpec[] {
  if (slots <= 0) return [];
  const { created, open } = createdByValue(context, values, tasks.length);
  const next: ChildSpec[] = [];
  for (let i = open; i < values.length && next.length < slots; i++) {
    const value = values[i] as string;
    // As Kestra implements it, a value's next task may start while its previous one runs.
    const task = tasks[created.get(value) ?? 0];
    if (task) next.push({ task, group: "tasks", value });
  }
  return next;
}

/**
 * How many `tasks` children each value has, and the first value that still lacks some,
 * kept in the execution's memo and brought up to date from the children created since
 * the last call (children are only ever appended), so resolving is not O(children).
 */
interface CreatedByValue {
  ids: List<string>;
  scanned: number;
  readonly created: Map<string, number>;
  values: readonly string[];
  open: number;
}

function createdByValue(context: FlowableContext, values: readonly string[], taskCount: number): CreatedByValue {
  const parentId = context.run?.id;
  const ids = childIds(context.state, parentId);
  const key = `each.created:${parentId ?? ""}`;
  const fresh = (): CreatedByValue => ({ ids, scanned: 0, created: new Map(), values, open: 0 });
  let entry = memoized<CreatedByValue>(context.state, key, fresh);
  const n = entry.scanned;
  if (entry.ids !== ids && n > 0 && (ids.size < n || ids.get(n - 1) !== entry.ids.get(n - 1))) {
    // Counted from another state of the execution, not an ancestor of this one: count again.
    entry = fresh();
    context.state.memo.set(key, entry);
  }
  for (let i = entry.scanned; i < ids.size; i++) {
    const run = taskRun(context.state, ids.get(i) as string);
    if (run.value !== undefined && context.groupOf(run) === "tasks") {
      entry.created.set(run.value, (entry.created.get(run.value) ?? 0) + 1);
    }
  }
  entry.ids = ids;
  entry.scanned = ids.size;
  if (entry.values !== values) {
    entry.values = values;
    entry.open = 0;
  }
  while (entry.open < values.length && (entry.created.get(values[entry.open] as string) ?? 0) >= taskCount) {
    entry.open++;
  }
  return entry;
}
