/**
 * io.kestra.plugin.core.flow.ForEachItem: splits the file at `items` into batches and starts
 * one execution of another flow per batch (`taskrun.items` is the batch file). It expands into
 * three children: `<id>_split`, `<id>_items` (the subflow executions) and `<id>_merge`.
 */
import { z } from "zod";
import {
  type ChildExecutionRequest,
  type FlowableContext,
  renderDeep,
  resolveSequential,
} from "../../../src/executor/flowable.js";
import type { Task } from "../../../src/flow/model.js";
import { defineFlowableTask, defineRunnableTask, type InternalTask } from "../../../src/plugin/define.js";
import { anyMap, dynamic, state, taskList } from "../../../src/plugin/properties.js";
import type { TaskContext } from "../../../src/plugin/task-context.js";
import { childExecutionProperties, renderLabels, systemLabelIssues } from "./subflow.js";

const DEFAULT_BATCH = { rows: 1, separator: "\n" };

const batch = z.strictObject({
  rows: dynamic(z.number().int().positive()).default(1).describe("Items per batch"),
  bytes: dynamic(z.string()).optional().describe("Split by size instead, e.g. 10MB"),
  partitions: dynamic(z.number().int().positive()).optional().describe("Split into this many batches instead"),
  separator: dynamic(z.string()).default("\n").describe("What separates two items in the file"),
});

export default defineFlowableTask({
  type: "io.kestra.plugin.core.flow.ForEachItem",
  aliases: ["io.kestra.core.tasks.flows.ForEachItem"],
  title: "Start an execution of another flow for each batch of items of a file.",
  properties: z.strictObject({
    items: z.string().min(1).describe("Internal-storage URI of the file to split, usually an expression"),
    batch: batch.default(DEFAULT_BATCH),
    ...childExecutionProperties,
    inputs: anyMap.optional().describe("Inputs of each child execution (rendered with taskrun.items)"),
    errors: taskList().optional(),
    finally: taskList().optional(),
  }),
  /** Kestra reports these on the `<id>_items` child task run; `<id>_merge` has `subflowOutputs`. */
  outputs: z.object({
    iterations: z.partialRecord(state, z.number().int()).describe("Number of child executions in each state"),
    numberOfBatches: z.number().int().describe("Number of batches"),
    uri: z.string().optional().describe("File gathering the outputs of every child execution"),
  }),
  check(properties) {
    return systemLabelIssues(properties.labels);
  },
  internalTasks: (task): InternalTask[] => [
    { task: internal(`${task.id}${SPLIT}`, SPLIT_TYPE, { items: task.items, batch: task.batch }), plugin: split },
    { task: internal(`${task.id}${ITEMS}`, ITEMS_TYPE, childProperties(task)), plugin: items },
    { task: internal(`${task.id}${MERGE}`, MERGE_TYPE, {}), plugin: merge },
  ],
  behaviour: { resolve: (context) => resolveSequential(context) },
});

const SPLIT = "_split";
const ITEMS = "_items";
const MERGE = "_merge";
const SPLIT_TYPE = "io.kestra.plugin.core.flow.ForEachItem$ForEachItemSplit";
const ITEMS_TYPE = "io.kestra.plugin.core.flow.ForEachItem$ForEachItemExecutable";
const MERGE_TYPE = "io.kestra.plugin.core.flow.ForEachItem$ForEachItemMergeOutputs";

/** An internal task with the common task properties at their defaults. */
function internal(id: string, type: string, properties: Record<string, unknown>): Task {
  return { ...properties, id, type, disabled: false, allowFailure: false, allowWarning: false, logToFile: false };
}

/** What `_items` starts each child with, copied from the ForEachItem task as Kestra does. */
function childProperties(task: Task): Record<string, unknown> {
  const keys = [
    "namespace",
    "flowId",
    "revision",
    "inputs",
    "labels",
    "inheritLabels",
    "wait",
    "transmitFailed",
    "scheduleDate",
  ];
  return Object.fromEntries(keys.filter((key) => task[key] !== undefined).map((key) => [key, task[key]]));
}

/** `_split`: cuts the `items` file into batch files and lists their URIs in `splits.txt`. */
const split = defineRunnableTask({
  type: SPLIT_TYPE,
  title: "Split the items of a ForEachItem into batches.",
  properties: z.object({ items: z.string(), batch: z.unknown() }),
  async run(context: TaskContext) {
    const uri = String(await context.render(context.properties.items));
    if (!uri.startsWith("kestra://")) {
      const message = `Unable to split the items from ${uri}, this is not an internal storage URI!`;
      context.logger.error(message);
      throw new Error(message);
    }
    const batch = ((await context.render(context.properties.batch ?? {})) ?? {}) as Record<string, unknown>;
    const text = await context.storage.getText(uri);
    const separator = typeof batch.separator === "string" ? batch.separator : "\n";
    const extension = /(\.[^./]+)$/.exec(uri)?.[1] ?? "";
    const batches = splitItems(lines(text), batch, separator);
    const uris: string[] = [];
    for (const [i, content] of batches.entries()) {
      uris.push(await context.storage.put(`${i}${extension}`, new TextEncoder().encode(content)));
    }
    const splits = await context.storage.put("splits.txt", new TextEncoder().encode(uris.join("\n")));
    return { outputs: { splits } };
  },
});

/** The lines of a file, without the empty one after a final newline. */
function lines(text: string): string[] {
  const all = text.split(/\r?\n/);
  if (all.at(-1) === "") all.pop();
  return all;
}

/** Kestra's StorageService.split: by `rows`, by `partitions` (round robin) or by `bytes`; each line ends with the separator. */
export function splitItems(
  items: readonly string[],
  batch: Readonly<Record<string, unknown>>,
  separator: string,
): string[] {
  if (batch.partitions !== undefined) {
    const partitions = Number(batch.partitions);
    const files = Array.from({ length: partitions }, () => "");
    items.forEach((line, i) => {
      files[i % partitions] += line + separator;
    });
    return files.filter((file) => file !== "");
  }
  if (batch.bytes !== undefined) {
    const limit = parseBytes(String(batch.bytes));
    const files: string[] = [];
    let current = "";
    for (const line of items) {
      const next = line + separator;
      if (current !== "" && new TextEncoder().encode(current + next).length > limit) {
        files.push(current);
        current = "";
      }
      current += next;
    }
    if (current !== "") files.push(current);
    return files;
  }
  const rows = Math.max(1, Number(batch.rows ?? 1));
  const files: string[] = [];
  for (let i = 0; i < items.length; i += rows)
    files.push(
      items
        .slice(i, i + rows)
        .map((l) => l + separator)
        .join(""),
    );
  return files;
}

/** `10MB`, `512KB`, `1024` → bytes (Kestra's ReadableBytesTypeConverter: binary multiples). */
function parseBytes(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]?B?)\s*$/i.exec(text);
  if (!match) throw new Error(`Invalid batch size '${text}'`);
  const unit = (match[2] ?? "").toUpperCase().replace("B", "");
  const power = ["", "K", "M", "G", "T"].indexOf(unit);
  return Number(match[1]) * 1024 ** Math.max(0, power);
}

/** `_items`: one child execution per batch file listed by `_split`, with `taskrun.items` and `taskrun.iteration`. */
const items = defineFlowableTask({
  type: ITEMS_TYPE,
  title: "Start one execution per batch of a ForEachItem.",
  properties: z.object({}).passthrough(),
  behaviour: { childExecutions: (context) => batchExecutions(context) },
});

function batchExecutions(context: FlowableContext): ChildExecutionRequest[] {
  const task: Readonly<Record<string, unknown>> = context.task ?? {};
  const parentTaskId = String(task.id).slice(0, -ITEMS.length);
  const splitRun = context.state.order
    .map((id) => context.state.runs.get(id))
    .find((run) => run?.taskId === `${parentTaskId}${SPLIT}` && run.parentTaskRunId === context.run?.parentTaskRunId);
  const splits = splitRun?.outputs?.splits;
  if (typeof splits !== "string") throw new Error(`${parentTaskId}${SPLIT} gave no splits`);
  const uris = lines(context.readFile(splits)).filter((line) => line !== "");
  const text = (name: string): string => String(context.render(task[name]));
  return uris.map((uri, iteration) => {
    // Kestra 1.1+: taskrun.iteration counts from 0.
    const extra = { taskrun: { items: uri, iteration } };
    const inputs = task.inputs === undefined ? {} : renderDeep(task.inputs, (t) => context.render(t, extra));
    const scheduleDate = task.scheduleDate === undefined ? undefined : String(context.render(task.scheduleDate, extra));
    return {
      namespace: text("namespace"),
      flowId: text("flowId"),
      ...(typeof task.revision === "number" ? { revision: task.revision } : {}),
      inputs: inputs as Record<string, unknown>,
      labels: renderLabels(task.labels, (t) => context.render(t, extra)),
      inheritLabels: String(context.render(task.inheritLabels ?? false)) === "true",
      wait: task.wait !== false,
      transmitFailed: task.transmitFailed !== false,
      ...(scheduleDate ? { scheduleDate } : {}),
      iteration,
    };
  });
}

/**
 * `_merge`: concatenates the `outputs.ion` every batch wrote (one line per subflow with flow
 * outputs, in batch order) into one file, `subflowOutputs`; nothing when no batch wrote one.
 */
const merge = defineRunnableTask({
  type: MERGE_TYPE,
  title: "Merge the outputs of the executions of a ForEachItem.",
  properties: z.object({}),
  async run(context) {
    const itemsId = `${context.taskId.slice(0, -MERGE.length)}${ITEMS}`;
    const base = await context.render(`{{ outputs['${itemsId}'].subflowOutputsBaseUri ?? '' }}`);
    if (typeof base !== "string" || base === "") return undefined;
    const iteration = (uri: string) => Number(/\/(\d+)\/outputs\.ion$/.exec(uri)?.[1] ?? Number.NaN);
    const files = (await context.storage.list(`kestra://${base}`))
      .filter((uri) => !Number.isNaN(iteration(uri)))
      .sort((a, b) => iteration(a) - iteration(b));
    if (files.length === 0) return undefined;
    const parts = await Promise.all(files.map((uri) => context.storage.get(uri)));
    const merged = new Uint8Array(parts.reduce((size, part) => size + part.length, 0));
    let at = 0;
    for (const part of parts) {
      merged.set(part, at);
      at += part.length;
    }
    return { outputs: { subflowOutputs: await context.storage.put("outputs.ion", merged) } };
  },
});
