/**
 * A WorkingDirectory's directory, for the Stepper (src/executor/step.ts): opened before its
 * tasks (input files, cache), closed after them (output files, cache), before errors and finally.
 */
import type { Task } from "../flow/model.js";
import { parseDurationMs } from "../util/duration.js";
import { messageOf } from "../util/errors.js";
import { taskRun, updateTaskRun } from "./exec-state.js";
import { type FlowableContext, type Resolution, renderDeep } from "./flowable.js";
import { isTerminated, type TaskRun } from "./model.js";
import type { DirectoryCache, ExecutorEvent } from "./protocol.js";
import type { Stepper } from "./step.js";
import { closedKey, closingKey, openFailedKey } from "./step-support.js";

export const workingDirectories = {
  // ---- working directories ---------------------------------------------------------------------

  /**
   * A WorkingDirectory's directory around its `tasks`: opened before the first one, closed
   * (output files collected) once they are done, before `errors`, `finally` or the end.
   * False while the resolution must wait for the directory to close.
   */
  directoryReady(this: Stepper, run: TaskRun, task: Task, context: FlowableContext, resolution: Resolution): boolean {
    const started = context.counts("tasks").total;
    const moreTasks = resolution.next.some((child) => child.group === "tasks");
    if (moreTasks) {
      if (started === 0) this.openDirectory(run, task);
      return true;
    }
    if (started === 0 || this.state.memo.get(closedKey(run)) === true) return true;
    if (this.state.memo.get(closingKey(run)) !== true) {
      this.state.memo.set(closingKey(run), true);
      const variables = this.variables(run);
      let outputFiles: string[] | undefined;
      try {
        if (task.outputFiles !== undefined) {
          const rendered = renderDeep(task.outputFiles, (t) => this.deps.render(t, variables));
          outputFiles = (Array.isArray(rendered) ? rendered : [rendered]).map(String);
        }
      } catch (error) {
        this.log(run, "ERROR", `Unable to render outputFiles: ${messageOf(error)}`);
      }
      const cache = this.directoryCache(run, task);
      this.commands.push({
        type: "directory.close",
        taskRunId: run.id,
        ...(outputFiles ? { outputFiles } : {}),
        ...(cache ? { cache } : {}),
      });
    }
    return false;
  },

  openDirectory(this: Stepper, run: TaskRun, task: Task): void {
    const variables = this.variables(run);
    const render = (template: string) => this.deps.render(template, variables);
    let inputFiles: Record<string, string> | undefined;
    let namespaceFiles: Record<string, unknown> | undefined;
    try {
      if (task.inputFiles !== undefined) {
        let files = renderDeep(task.inputFiles, render);
        if (typeof files === "string") files = JSON.parse(files);
        if (files === null || typeof files !== "object" || Array.isArray(files)) {
          throw new Error("inputFiles must be a map of file names to contents");
        }
        inputFiles = Object.fromEntries(Object.entries(files).map(([name, content]) => [name, String(content)]));
      }
      if (task.namespaceFiles !== undefined) {
        namespaceFiles = renderDeep(task.namespaceFiles, render) as Record<string, unknown>;
      }
    } catch (error) {
      // The host still opens the directory; the failure is the WorkingDirectory's.
      this.log(run, "ERROR", `Failed preExecuteTasks on WorkingDirectory: ${messageOf(error)}`);
      this.state.memo.set(openFailedKey(run), true);
    }
    const cache = this.directoryCache(run, task);
    this.commands.push({
      type: "directory.open",
      taskRunId: run.id,
      ...(inputFiles ? { inputFiles } : {}),
      ...(namespaceFiles ? { namespaceFiles } : {}),
      ...(cache ? { cache } : {}),
    });
  },

  /** A WorkingDirectory's `cache`: its files are kept per task (and iteration value) for `ttl`. */
  directoryCache(this: Stepper, run: TaskRun, task: Task): DirectoryCache | undefined {
    const cache = task.cache as { patterns?: unknown; ttl?: unknown } | undefined;
    if (!cache || !Array.isArray(cache.patterns)) return undefined;
    const ttl = typeof cache.ttl === "string" ? parseDurationMs(cache.ttl) : undefined;
    return {
      patterns: cache.patterns.map(String),
      taskId: task.id,
      ...(run.value !== undefined ? { value: run.value } : {}),
      ...(ttl !== undefined ? { ttlMs: ttl } : {}),
    };
  },

  directoryClosed(this: Stepper, event: Extract<ExecutorEvent, { type: "directory.closed" }>): void {
    const run = this.state.runs.get(event.taskRunId);
    if (!run || isTerminated(run.state.current)) return;
    this.state.memo.set(closedKey(run), true);
    if (event.outputFiles && Object.keys(event.outputFiles).length > 0) {
      this.state = updateTaskRun(this.state, {
        ...run,
        outputs: { ...(run.outputs ?? {}), outputFiles: event.outputFiles },
      });
    }
    if (event.error || this.state.memo.get(openFailedKey(run)) === true) {
      if (event.error) this.log(run, "ERROR", event.error);
      this.finish(taskRun(this.state, run.id), "FAILED");
      return;
    }
    this.dirty.add(run.id);
  },
};

export type WorkingDirectories = typeof workingDirectories;
