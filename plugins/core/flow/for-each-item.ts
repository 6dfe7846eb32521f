/**
 * io.kestra.plugin.core.flow.ForEachItem: splits the file at `items` into batches and starts
 * one execution of another flow per batch (`taskrun.items` is the batch file). It expands into
 * three children: `<id>_split`, `<id>_items` (the subflow executions) and `<id>_merge`.
 */
import { z } from "zod";
import { defineFlowableTask } from "../../../src/plugin/define.js";
import { anyMap, dynamic, state, taskList } from "../../../src/plugin/properties.js";
import { childExecutionProperties, systemLabelIssues } from "./subflow.js";

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
});
