/**
 * The open directories of WorkingDirectory task runs, the same on every host: `open` prepares
 * one (cached files restored, input files written) while its tasks wait for it to be ready;
 * `close` uploads its output files under the task run's folder, saves its cache, drops it and
 * resolves to the `directory.closed` event. A directory lives in the memory of the host that
 * runs its tasks, as Kestra's lives on the worker's disk.
 */
import type { ExecutorCommand, ExecutorEvent } from "../executor/protocol.js";
import { restoreCache, saveCache } from "../storage/directory-cache.js";
import { type BlobStore, taskPath, taskStorage } from "../storage/internal.js";
import { loadNamespaceFiles } from "../storage/namespace-file-loader.js";
import type { NamespaceFiles } from "../storage/namespace-files.js";
import { WorkingDirectory } from "../storage/working-directory.js";
import { messageOf } from "../util/errors.js";

type Owner = { readonly namespace: string; readonly flowId: string; readonly id: string };
export type DirectoryOpen = Extract<ExecutorCommand, { type: "directory.open" }>;
export type DirectoryClose = Extract<ExecutorCommand, { type: "directory.close" }>;
export type DirectoryClosed = Extract<ExecutorEvent, { type: "directory.closed" }>;

/** A directory shared by the tasks of a WorkingDirectory, ready once its preparation is done. */
export interface SharedDirectory {
  readonly directory: WorkingDirectory;
  readonly ready: Promise<void>;
}

export class WorkingDirectories {
  private readonly open = new Map<string, SharedDirectory>();

  constructor(
    private readonly storage: BlobStore,
    /** Where `namespaceFiles` come from; without it a WorkingDirectory asking for them fails. */
    private readonly namespaceFiles?: NamespaceFiles,
  ) {}

  /** The directory of a WorkingDirectory task run, when it is open here. */
  get(taskRunId: string): SharedDirectory | undefined {
    return this.open.get(taskRunId);
  }

  /**
   * Opens the directory a `directory.open` asks for; its tasks wait until it is ready. A failed
   * preparation fails each task waiting for it, and then the WorkingDirectory when it closes.
   */
  openDirectory(command: DirectoryOpen, execution: Owner, readable: readonly Owner[], now: Date): SharedDirectory {
    const directory = new WorkingDirectory();
    const files = taskStorage(this.storage, execution, { taskId: "", taskRunId: "" }, readable);
    const prepare = async () => {
      if (command.cache) await restoreCache(this.storage, execution, command.cache, directory, now);
      for (const [name, content] of Object.entries(command.inputFiles ?? {})) {
        directory.write(name, content.startsWith("kestra://") ? await files.get(content) : content);
      }
      const namespaceFiles = command.namespaceFiles;
      if (namespaceFiles && namespaceFiles.enabled !== false && String(namespaceFiles.enabled) !== "false") {
        if (!this.namespaceFiles) throw new Error("Namespace files are not available on this host");
        await loadNamespaceFiles(this.namespaceFiles, namespaceFiles, execution.namespace, directory);
      }
    };
    return this.hold(command.taskRunId, directory, prepare());
  }

  /**
   * A directory a host lost (its memory, after a restart): its tasks and then its
   * WorkingDirectory fail with `reason`, as after a failed preparation.
   */
  lost(taskRunId: string, reason: string): void {
    this.hold(taskRunId, new WorkingDirectory(), Promise.reject(new Error(reason)));
  }

  private hold(taskRunId: string, directory: WorkingDirectory, ready: Promise<void>): SharedDirectory {
    ready.catch(() => undefined);
    const shared = { directory, ready };
    this.open.set(taskRunId, shared);
    return shared;
  }

  /** Uploads the output files, saves the cache, drops the directory; never rejects. */
  async closeDirectory(
    command: DirectoryClose,
    execution: Owner,
    run: { readonly taskId: string; readonly id: string } | undefined,
    now: Date,
  ): Promise<DirectoryClosed> {
    const shared = this.open.get(command.taskRunId);
    this.open.delete(command.taskRunId);
    const outputFiles: Record<string, string> = {};
    try {
      await shared?.ready;
      if (shared && run && command.outputFiles) {
        const base = taskPath(execution, run.taskId, run.id);
        for (const path of shared.directory.match(command.outputFiles)) {
          outputFiles[path] = await this.storage.put(
            `${base}/${path}`,
            shared.directory.read(path) ?? new Uint8Array(),
          );
        }
      }
      if (shared && command.cache) await saveCache(this.storage, execution, command.cache, shared.directory, now);
      return { type: "directory.closed", taskRunId: command.taskRunId, outputFiles };
    } catch (error) {
      const reason = messageOf(error);
      return {
        type: "directory.closed",
        taskRunId: command.taskRunId,
        error: `Failed preExecuteTasks on WorkingDirectory: ${reason}`,
      };
    }
  }

  /** Forgets every directory (a host that stops). */
  clear(): void {
    this.open.clear();
  }
}
