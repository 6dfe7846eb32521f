/**
 * io.kestra.plugin.core.flow.WorkingDirectory: runs its runnable children one after another
 * on a single worker, sharing one working directory (with optional namespace files, input
 * files, output files and a cache of chosen files between executions).
 */
import { z } from "zod";
import { resolveSequential } from "../../../src/executor/flowable.js";
import { type CheckIssue, defineFlowableTask } from "../../../src/plugin/define.js";
import { duration, dynamic, isPlainObject, taskList } from "../../../src/plugin/properties.js";

const stringList = z.array(z.string(), { error: "must be a list of strings" });

const namespaceFiles = z.strictObject({
  enabled: dynamic(z.boolean()).default(true).describe("Load the namespace files into the working directory"),
  include: dynamic(stringList).optional().describe("Glob patterns of the files to load"),
  exclude: dynamic(stringList).optional().describe("Glob patterns of the files not to load"),
  namespaces: dynamic(stringList).optional().describe("Namespaces to load files from; the flow's own by default"),
  folderPerNamespace: dynamic(z.boolean()).optional().describe("Put each namespace's files in its own folder"),
  ifExists: dynamic(z.enum(["OVERWRITE", "FAIL", "WARN", "IGNORE"]))
    .optional()
    .describe("What to do when two namespaces hold the same file; OVERWRITE by default"),
});

const cache = z.strictObject({
  patterns: stringList.describe("Glob patterns of the files to cache, e.g. node_modules/**"),
  ttl: duration.optional().describe("How long the cache is kept"),
});

export default defineFlowableTask({
  type: "io.kestra.plugin.core.flow.WorkingDirectory",
  aliases: ["io.kestra.core.tasks.flows.WorkingDirectory", "io.kestra.core.tasks.flows.Worker"],
  title: "Run tasks one after another in the same working directory.",
  properties: z.strictObject({
    // Optional here so that the check below reports a missing list with Kestra's own message.
    tasks: taskList().optional().describe("Runnable tasks only"),
    errors: taskList().optional(),
    finally: taskList().optional(),
    cache: cache.optional().describe("Files kept between executions of this task"),
    namespaceFiles: namespaceFiles.optional(),
    inputFiles: z
      .union([z.string(), z.record(z.string(), z.string())], {
        error: "must be a map of file names to contents, or an expression rendering to one",
      })
      .optional()
      .describe("Files to create in the working directory: name → content (or an internal-storage URI)"),
    outputFiles: dynamic(stringList).optional().describe("Glob patterns of the files to upload once the tasks end"),
  }),
  outputs: z.object({
    outputFiles: z.record(z.string(), z.string()).optional().describe("Internal-storage URI of each output file"),
  }),
  // Kestra's WorkingDirectoryTaskValidator, first failing rule only.
  check(properties, context): CheckIssue[] {
    const tasks = Array.isArray(properties.tasks) ? properties.tasks : [];
    if (tasks.length === 0) return [{ message: "The 'tasks' property cannot be empty", path: ["tasks"] }];
    const notRunnable = tasks.findIndex((child) => {
      if (!isPlainObject(child) || typeof child.type !== "string") return false; // invalid child, reported already
      const plugin = context.lookup(child.type);
      return plugin !== undefined && (plugin.category !== "task" || plugin.kind !== "runnable");
    });
    if (notRunnable >= 0) {
      return [
        {
          message: "Only runnable tasks are allowed as children of a WorkingDirectory task",
          path: ["tasks", notRunnable],
        },
      ];
    }
    const withWorkerGroup = tasks.findIndex((child) => isPlainObject(child) && child.workerGroup !== undefined);
    if (withWorkerGroup >= 0) {
      return [
        {
          message:
            "Cannot set a Worker Group in any WorkingDirectory sub-tasks, it is only supported at the WorkingDirectory level",
          path: ["tasks", withWorkerGroup, "workerGroup"],
        },
      ];
    }
    return [];
  },
  behaviour: { resolve: (context) => resolveSequential(context), workingDirectory: true },
});
