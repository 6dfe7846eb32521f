/**
 * Internal storage: the files of executions (`kestra:///...` URIs) laid out as Kestra lays
 * them out (StorageContext), behind one small interface that R2, a filesystem or memory
 * implement. Tasks see it through their TaskContext, limited to what they may read.
 */
import { slugify } from "../expression/filters/slugify.js";

export type FileContent = Uint8Array | ReadableStream<Uint8Array>;

/** The internal storage port (DESIGN.md's BlobStore): R2 on Workers, memory or files locally. */
export interface BlobStore {
  /** Stores a file at a path (`/<namespace/as/path>/<flow>/...`) and resolves to its `kestra://` URI. */
  put(path: string, content: FileContent): Promise<string>;
  /** The bytes of a `kestra:///` URI, or undefined when there is no such file. */
  get(uri: string): Promise<Uint8Array | undefined>;
  /** Deletes a file; true when it existed. */
  delete(uri: string): Promise<boolean>;
  /** URIs under a prefix URI, sorted. */
  list(prefix: string): Promise<string[]>;
  /** The size in bytes of a file, or undefined when there is no such file. */
  stat(uri: string): Promise<{ size: number } | undefined>;
  /** A file as a stream with its size (downloads), or undefined when there is no such file. */
  open(uri: string): Promise<{ size: number; body: ReadableStream<Uint8Array> } | undefined>;
  /**
   * Deletes every file under a prefix URI (an execution's folder, ending with `/`) and resolves
   * to how many there were. Kestra's deleteByPrefix; refuses the storage root and `..`.
   */
  deletePrefix(prefix: string): Promise<number>;
}

/** What locates an execution's files: its namespace, flow and id. */
export interface ExecutionRef {
  readonly namespace: string;
  readonly flowId: string;
  readonly id: string;
}

export const SCHEME = "kestra://";

/** Where an execution's files live: `/<namespace/as/path>/<flow-slug>/executions/<id>`. */
export function executionPath(execution: ExecutionRef): string {
  return `/${execution.namespace.replaceAll(".", "/")}/${slugify(execution.flowId)}/executions/${execution.id}`;
}

/** Where a task run's files live: `<execution>/tasks/<task-slug>/<taskRunId>`. */
export function taskPath(execution: ExecutionRef, taskId: string, taskRunId: string): string {
  return `${executionPath(execution)}/tasks/${slugify(taskId)}/${taskRunId}`;
}

/** The storage path of a `kestra:///` URI; undefined when it is not one, is malformed or climbs out with `..`. */
export function storagePath(uri: string): string | undefined {
  if (!uri.startsWith(`${SCHEME}/`)) return undefined;
  let path: string;
  try {
    path = decodeURI(uri.slice(SCHEME.length));
  } catch {
    return undefined; // a malformed escape such as `%E0%A4`
  }
  return path.split("/").some((segment) => segment === "..") ? undefined : path;
}

/**
 * Kestra's access rule for an execution's files: a storage path is readable through an
 * execution when it lies in the folder of that execution or of one of `others`.
 */
export function inExecutionFolder(
  path: string,
  execution: ExecutionRef,
  others: readonly ExecutionRef[] = [],
): boolean {
  return [execution, ...others].some((e) => `${path}/`.startsWith(`${executionPath(e)}/`));
}

/**
 * The execution a storage path names: the segment after its last `/executions/` that a `/`
 * follows (Kestra's StorageContext.extractExecutionId), or undefined.
 */
export function executionIdOf(path: string): string | undefined {
  return /^\/(.+)\/executions\/([^/]+)\//i.exec(path)?.[2];
}

/** The storage path of a prefix URI to delete under; refuses the root, which would delete every file. */
export function deletablePrefix(prefix: string): string {
  const path = storagePath(prefix);
  if (path === undefined || path.replace(/\/+$/, "") === "") {
    throw new StorageAccessError(`Refusing to delete the files under '${prefix}'`);
  }
  return path;
}

export async function bytesOf(content: FileContent): Promise<Uint8Array> {
  if (content instanceof Uint8Array) return content;
  return new Uint8Array(await new Response(content).arrayBuffer());
}

/** Internal storage in memory: tests, the CLI and the local host. */
export class MemoryBlobStore implements BlobStore {
  private readonly files = new Map<string, Uint8Array>();

  async put(path: string, content: FileContent): Promise<string> {
    const uri = `${SCHEME}${path}`;
    this.files.set(uri, await bytesOf(content));
    return uri;
  }

  async get(uri: string): Promise<Uint8Array | undefined> {
    return this.files.get(uri);
  }

  async delete(uri: string): Promise<boolean> {
    return this.files.delete(uri);
  }

  async list(prefix: string): Promise<string[]> {
    return [...this.files.keys()].filter((uri) => uri.startsWith(prefix)).sort();
  }

  async stat(uri: string): Promise<{ size: number } | undefined> {
    const bytes = this.files.get(uri);
    return bytes && { size: bytes.byteLength };
  }

  async open(uri: string): Promise<{ size: number; body: ReadableStream<Uint8Array> } | undefined> {
    const bytes = this.files.get(uri);
    if (bytes === undefined) return undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice());
        controller.close();
      },
    });
    return { size: bytes.byteLength, body };
  }

  async deletePrefix(prefix: string): Promise<number> {
    deletablePrefix(prefix);
    const uris = await this.list(prefix);
    for (const uri of uris) this.files.delete(uri);
    return uris.length;
  }
}

/** An execution-scoped view for tasks: reads only the files of allowed executions. */
export interface TaskStorage {
  /** Reads a `kestra:///` file of this execution (or of its parent or trigger execution). */
  get(uri: string): Promise<Uint8Array>;
  /** Reads a file as UTF-8 text. */
  getText(uri: string): Promise<string>;
  /** Stores a file in this task run's folder and returns its URI. */
  put(name: string, content: FileContent): Promise<string>;
  /** URIs of the readable files under a `kestra:///` folder, sorted. */
  list(prefix: string): Promise<string[]>;
  /** Deletes a file it may read (same rule as `get`); true when it existed. */
  delete(uri: string): Promise<boolean>;
  /** The size of a file it may read (same rule as `get`), without reading it; undefined when missing. */
  stat(uri: string): Promise<{ size: number } | undefined>;
  /** Deletes every file of this execution's own folder; their URIs. */
  purgeExecution(): Promise<string[]>;
}

export class StorageAccessError extends Error {
  readonly code = "storage.forbidden";
  constructor(message: string) {
    super(message);
    this.name = "StorageAccessError";
  }
}

/**
 * A TaskStorage over a BlobStore: files of the execution itself and of the executions
 * in `readable` (its parent, the execution that triggered it) and nothing else.
 */
export function taskStorage(
  storage: BlobStore,
  execution: ExecutionRef,
  task: { taskId: string; taskRunId: string },
  readable: readonly ExecutionRef[] = [],
): TaskStorage {
  const check = (uri: string): void => {
    const path = storagePath(uri);
    if (path === undefined) throw new StorageAccessError(`Invalid internal storage URI '${uri}'`);
    if (!inExecutionFolder(path, execution, readable)) {
      throw new StorageAccessError(`Unable to read '${uri}': it belongs to another execution`);
    }
  };
  const get = async (uri: string): Promise<Uint8Array> => {
    check(uri);
    const bytes = await storage.get(uri);
    if (bytes === undefined) throw new StorageAccessError(`File '${uri}' does not exist`);
    return bytes;
  };
  return {
    get,
    getText: async (uri) => new TextDecoder().decode(await get(uri)),
    put: (name, content) => storage.put(`${taskPath(execution, task.taskId, task.taskRunId)}/${name}`, content),
    list: async (prefix) => {
      check(prefix);
      return storage.list(prefix.endsWith("/") ? prefix : `${prefix}/`);
    },
    delete: async (uri) => {
      check(uri);
      return storage.delete(uri);
    },
    stat: async (uri) => {
      check(uri);
      return storage.stat(uri);
    },
    purgeExecution: async () => {
      const folder = `${SCHEME}${executionPath(execution)}/`;
      const uris = await storage.list(folder);
      await storage.deletePrefix(folder);
      return uris;
    },
  };
}
