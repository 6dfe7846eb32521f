/**
 * Namespace files (spec 9.2): each namespace's tree of files and directories. The metadata
 * (path, kind, size, dates) lives in rows (`NamespaceFileRows`: the `namespace_files` table on
 * D1 and libSQL, or memory); a file's bytes live in internal storage at Kestra's layout,
 * `kestra:///<namespace/as/path>/_files/<path>`. Paths are relative to the namespace (a leading
 * `/` is allowed); `..` and absolute paths elsewhere are refused.
 *
 * The rules are written once here (`createNamespaceFiles`); backends only keep rows.
 */
import { type BlobStore, bytesOf, type FileContent, SCHEME } from "./internal.js";
import { NamespaceFileError, namespaceFilePath, namespacePath } from "./namespace-file-paths.js";

export type { NamespaceFileErrorCode } from "./namespace-file-paths.js";
export {
  NamespaceFileError,
  namespaceFileMatcher,
  namespaceFilePath,
  TRAVERSAL_MESSAGE,
} from "./namespace-file-paths.js";

/** A file or directory of a namespace; `path` is absolute within the namespace: `/scripts/etl.py`. */
export interface NamespaceFileInfo {
  readonly path: string;
  readonly directory: boolean;
  readonly size: number;
  readonly created: string;
  readonly updated: string;
}

/** What UploadFiles does when the file exists: replace it, fail, or keep the old one. */
export type Conflict = "OVERWRITE" | "ERROR" | "SKIP";

export interface PutResult {
  readonly path: string;
  readonly uri: string;
  /** False when `conflict: SKIP` kept an existing file. */
  readonly written: boolean;
}

export interface NamespaceFiles {
  /** The internal-storage URI of a file: `kestra:///<ns/as/path>/_files/<path>`. */
  uri(namespace: string, path: string): string;
  put(namespace: string, path: string, content: FileContent, options?: { conflict?: Conflict }): Promise<PutResult>;
  /** A file's bytes; undefined when there is no such file. */
  get(namespace: string, path: string): Promise<Uint8Array | undefined>;
  open(namespace: string, path: string): Promise<{ size: number; body: ReadableStream<Uint8Array> } | undefined>;
  /** A file or directory; the root (`/`) always exists. */
  stat(namespace: string, path: string): Promise<NamespaceFileInfo | undefined>;
  /** A directory's entries, sorted; undefined when it does not exist; refuses a file. */
  list(namespace: string, directory: string): Promise<NamespaceFileInfo[] | undefined>;
  /** Every file (not directory) of the namespace, sorted by path. */
  all(namespace: string): Promise<NamespaceFileInfo[]>;
  createDirectory(namespace: string, path: string): Promise<void>;
  /** Moves a file or a directory with everything in it; the target must not exist. */
  move(namespace: string, from: string, to: string): Promise<void>;
  /**
   * Deletes a file or a directory with everything in it; true when it existed. With
   * `pruneEmptyParents`, parent directories left empty go too (as Kestra's API does).
   */
  delete(namespace: string, path: string, options?: { pruneEmptyParents?: boolean }): Promise<boolean>;
}

/** One row of a namespace's tree. */
export interface NamespaceFileRow extends NamespaceFileInfo {
  readonly namespace: string;
}

/** What a backend keeps: the rows of each namespace's tree. */
export interface NamespaceFileRows {
  get(namespace: string, path: string): Promise<NamespaceFileRow | undefined>;
  /** Every row strictly below a directory (`/` for all), sorted by path. */
  under(namespace: string, directory: string): Promise<NamespaceFileRow[]>;
  /** Inserts or replaces a row; a replaced row keeps its `created`. */
  upsert(row: NamespaceFileRow): Promise<void>;
  /** Inserts the rows that do not exist yet (directories). */
  insertMissing(rows: readonly NamespaceFileRow[]): Promise<void>;
  remove(namespace: string, paths: readonly string[]): Promise<void>;
}

/** The parent directories of a canonical path, nearest last: `/a/b/c.txt` → `/a`, `/a/b`. */
function ancestors(path: string): string[] {
  const segments = path.split("/").slice(1, -1);
  return segments.map((_, i) => `/${segments.slice(0, i + 1).join("/")}`);
}

function parentOf(path: string): string {
  const at = path.lastIndexOf("/");
  return at <= 0 ? "/" : path.slice(0, at);
}

function info(row: NamespaceFileRow): NamespaceFileInfo {
  return { path: row.path, directory: row.directory, size: row.size, created: row.created, updated: row.updated };
}

/** The namespace files over a backend's rows and the internal storage holding their bytes. */
export function createNamespaceFiles(
  rows: NamespaceFileRows,
  blobs: BlobStore,
  options: { now?: () => Date } = {},
): NamespaceFiles {
  const now = () => (options.now ?? (() => new Date()))().toISOString();
  const storagePath = (namespace: string, path: string) => `/${namespacePath(namespace)}/_files${path}`;
  const uriOf = (namespace: string, path: string) => `${SCHEME}${storagePath(namespace, path)}`;
  const file = async (namespace: string, path: string) => {
    const row = await rows.get(namespace, namespaceFilePath(path, namespace));
    return row && !row.directory ? row : undefined;
  };
  const directories = (namespace: string, paths: readonly string[], at: string): NamespaceFileRow[] =>
    paths.map((path) => ({ namespace, path, directory: true, size: 0, created: at, updated: at }));

  /** The parent directories of a path exist, none being a file. */
  async function makeParents(namespace: string, path: string, at: string): Promise<void> {
    for (const parent of ancestors(path)) {
      const row = await rows.get(namespace, parent);
      if (row && !row.directory) {
        throw new NamespaceFileError("nsfile.not-a-directory", `'${parent}' is a file, not a directory`);
      }
    }
    await rows.insertMissing(directories(namespace, ancestors(path), at));
  }

  /** Removes a row and everything below it, their bytes first. */
  async function removeTree(namespace: string, row: NamespaceFileRow): Promise<void> {
    const below = row.directory ? await rows.under(namespace, row.path) : [];
    // A directory's bytes go in batches (R2 deletes up to 1,000 keys a call), a file's alone.
    if (row.directory) await blobs.deletePrefix(`${uriOf(namespace, row.path)}/`);
    else await blobs.delete(uriOf(namespace, row.path));
    await rows.remove(namespace, [row.path, ...below.map((entry) => entry.path)]);
  }

  async function pruneEmpty(namespace: string, directory: string): Promise<void> {
    for (let path = directory; path !== "/"; path = parentOf(path)) {
      if ((await rows.under(namespace, path)).length > 0) return;
      await rows.remove(namespace, [path]);
    }
  }

  return {
    uri: (namespace, path) => uriOf(namespace, namespaceFilePath(path, namespace)),

    async put(namespace, path, content, put = {}) {
      const target = namespaceFilePath(path, namespace);
      if (target === "/") throw new NamespaceFileError("nsfile.invalid-path", "A namespace file needs a path");
      const existing = await rows.get(namespace, target);
      if (existing?.directory) {
        throw new NamespaceFileError("nsfile.is-a-directory", `'${target}' is a directory`);
      }
      const conflict = put.conflict ?? "OVERWRITE";
      if (existing && conflict === "ERROR") {
        throw new NamespaceFileError(
          "nsfile.exists",
          `File '${target}' already exists in namespace '${namespace}' and conflict is set to ERROR`,
        );
      }
      if (existing && conflict === "SKIP") return { path: target, uri: uriOf(namespace, target), written: false };
      const at = now();
      await makeParents(namespace, target, at);
      const bytes = await bytesOf(content);
      const uri = await blobs.put(storagePath(namespace, target), bytes);
      await rows.upsert({
        namespace,
        path: target,
        directory: false,
        size: bytes.byteLength,
        created: at,
        updated: at,
      });
      return { path: target, uri, written: true };
    },

    async get(namespace, path) {
      const row = await file(namespace, path);
      return row && blobs.get(uriOf(namespace, row.path));
    },

    async open(namespace, path) {
      const row = await file(namespace, path);
      return row && blobs.open(uriOf(namespace, row.path));
    },

    async stat(namespace, path) {
      const target = namespaceFilePath(path, namespace);
      if (target === "/") {
        const at = now();
        return { path: "/", directory: true, size: 0, created: at, updated: at };
      }
      const row = await rows.get(namespace, target);
      return row && info(row);
    },

    async list(namespace, directory) {
      const target = namespaceFilePath(directory, namespace);
      if (target !== "/") {
        const row = await rows.get(namespace, target);
        if (!row) return undefined;
        if (!row.directory) throw new NamespaceFileError("nsfile.not-a-directory", `'${target}' is not a directory`);
      }
      const prefix = target === "/" ? "/" : `${target}/`;
      return (await rows.under(namespace, target))
        .filter((row) => !row.path.slice(prefix.length).includes("/"))
        .map(info);
    },

    async all(namespace) {
      return (await rows.under(namespace, "/")).filter((row) => !row.directory).map(info);
    },

    async createDirectory(namespace, path) {
      const target = namespaceFilePath(path, namespace);
      if (target === "/") return;
      const existing = await rows.get(namespace, target);
      if (existing && !existing.directory) {
        throw new NamespaceFileError("nsfile.exists", `'${target}' is a file`);
      }
      const at = now();
      await makeParents(namespace, target, at);
      await rows.insertMissing(directories(namespace, [target], at));
    },

    async move(namespace, from, to) {
      const source = namespaceFilePath(from, namespace);
      const target = namespaceFilePath(to, namespace);
      if (source === "/" || target === "/") {
        throw new NamespaceFileError("nsfile.invalid-path", "The root of the namespace files cannot be moved");
      }
      const row = await rows.get(namespace, source);
      if (!row)
        throw new NamespaceFileError("nsfile.not-found", `File '${source}' not found in namespace '${namespace}'`);
      if (source === target) return;
      if (target.startsWith(`${source}/`)) {
        throw new NamespaceFileError("nsfile.invalid-path", `'${source}' cannot be moved into itself`);
      }
      if (await rows.get(namespace, target)) {
        throw new NamespaceFileError("nsfile.exists", `'${target}' already exists in namespace '${namespace}'`);
      }
      const at = now();
      await makeParents(namespace, target, at);
      const moved = [row, ...(row.directory ? await rows.under(namespace, source) : [])];
      for (const entry of moved) {
        const path = target + entry.path.slice(source.length);
        if (!entry.directory) {
          const bytes = await blobs.get(uriOf(namespace, entry.path));
          await blobs.put(storagePath(namespace, path), bytes ?? new Uint8Array());
        }
        await rows.upsert({ ...entry, path, updated: at });
      }
      for (const entry of moved) if (!entry.directory) await blobs.delete(uriOf(namespace, entry.path));
      await rows.remove(
        namespace,
        moved.map((entry) => entry.path),
      );
    },

    async delete(namespace, path, remove = {}) {
      const target = namespaceFilePath(path, namespace);
      if (target === "/") {
        const all = await rows.under(namespace, "/");
        await blobs.deletePrefix(`${SCHEME}/${namespacePath(namespace)}/_files/`);
        await rows.remove(
          namespace,
          all.map((entry) => entry.path),
        );
        return all.length > 0;
      }
      const row = await rows.get(namespace, target);
      if (!row) return false;
      await removeTree(namespace, row);
      if (remove.pruneEmptyParents) await pruneEmpty(namespace, parentOf(target));
      return true;
    },
  };
}

/** Rows in memory: tests, the CLI and the local host without a database. */
export class MemoryNamespaceFileRows implements NamespaceFileRows {
  private readonly rows = new Map<string, NamespaceFileRow>();

  async get(namespace: string, path: string): Promise<NamespaceFileRow | undefined> {
    return this.rows.get(`${namespace}\n${path}`);
  }

  async under(namespace: string, directory: string): Promise<NamespaceFileRow[]> {
    const prefix = directory === "/" ? "/" : `${directory}/`;
    return [...this.rows.values()]
      .filter((row) => row.namespace === namespace && row.path.startsWith(prefix) && row.path !== prefix)
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  async upsert(row: NamespaceFileRow): Promise<void> {
    const id = `${row.namespace}\n${row.path}`;
    const before = this.rows.get(id);
    this.rows.set(id, before ? { ...row, created: before.created } : row);
  }

  async insertMissing(rows: readonly NamespaceFileRow[]): Promise<void> {
    for (const row of rows) {
      const id = `${row.namespace}\n${row.path}`;
      if (!this.rows.has(id)) this.rows.set(id, row);
    }
  }

  async remove(namespace: string, paths: readonly string[]): Promise<void> {
    for (const path of paths) this.rows.delete(`${namespace}\n${path}`);
  }
}

/** Namespace files in memory over the given internal storage. */
export function memoryNamespaceFiles(blobs: BlobStore, options: { now?: () => Date } = {}): NamespaceFiles {
  return createNamespaceFiles(new MemoryNamespaceFileRows(), blobs, options);
}
