/**
 * Namespace files' metadata over drizzle's SQLite, written once for D1 (Workers) and libSQL
 * (local): the `namespace_files` table keeps one row per file or directory; the bytes stay in
 * internal storage and the rules are the port's (src/storage/namespace-files.ts).
 */
import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { BlobStore } from "../internal.js";
import {
  createNamespaceFiles,
  type NamespaceFileRow,
  type NamespaceFileRows,
  type NamespaceFiles,
} from "../namespace-files.js";
import type { SqlDatabase } from "./flow-repository.js";
import { namespaceFiles } from "./schema.js";

/** D1 binds at most 100 parameters a statement: rows (7 columns) and paths go in batches below it. */
const INSERT_BATCH = 10;
const DELETE_BATCH = 90;

export function createSqlNamespaceFileRows(db: SqlDatabase, options: { tenantId?: string } = {}): NamespaceFileRows {
  const tenantId = options.tenantId ?? "main";
  const inNamespace = (namespace: string): SQL =>
    and(eq(namespaceFiles.tenantId, tenantId), eq(namespaceFiles.namespace, namespace)) as SQL;
  const toRow = (row: typeof namespaceFiles.$inferSelect): NamespaceFileRow => ({
    namespace: row.namespace,
    path: row.path,
    directory: row.directory,
    size: row.size,
    created: row.created,
    updated: row.updated,
  });

  return {
    async get(namespace, path) {
      const [row] = await db
        .select()
        .from(namespaceFiles)
        .where(and(inNamespace(namespace), eq(namespaceFiles.path, path)));
      return row === undefined ? undefined : toRow(row);
    },

    async under(namespace, directory) {
      const prefix = directory === "/" ? "/" : `${directory}/`;
      // A case-sensitive prefix match (LIKE ignores case in SQLite).
      const rows = await db
        .select()
        .from(namespaceFiles)
        .where(
          and(
            inNamespace(namespace),
            sql`substr(${namespaceFiles.path}, 1, ${prefix.length}) = ${prefix}`,
            sql`length(${namespaceFiles.path}) > ${prefix.length}`,
          ),
        )
        .orderBy(asc(namespaceFiles.path));
      return rows.map(toRow);
    },

    async upsert(row) {
      await db
        .insert(namespaceFiles)
        .values({ ...row, tenantId })
        .onConflictDoUpdate({
          target: [namespaceFiles.tenantId, namespaceFiles.namespace, namespaceFiles.path],
          set: { directory: row.directory, size: row.size, updated: row.updated },
        });
    },

    async insertMissing(rows) {
      if (rows.length === 0) return;
      for (let at = 0; at < rows.length; at += INSERT_BATCH) {
        await db
          .insert(namespaceFiles)
          .values(rows.slice(at, at + INSERT_BATCH).map((row) => ({ ...row, tenantId })))
          .onConflictDoNothing();
      }
    },

    async remove(namespace, paths) {
      for (let at = 0; at < paths.length; at += DELETE_BATCH) {
        await db
          .delete(namespaceFiles)
          .where(
            and(inNamespace(namespace), inArray(namespaceFiles.path, paths.slice(at, at + DELETE_BATCH) as string[])),
          );
      }
    },
  };
}

/** Namespace files on D1 (`drizzle(env.DB)`) or libSQL, their bytes in the given internal storage. */
export function createSqlNamespaceFiles(
  db: SqlDatabase,
  blobs: BlobStore,
  options: { tenantId?: string; now?: () => Date } = {},
): NamespaceFiles {
  return createNamespaceFiles(createSqlNamespaceFileRows(db, options), blobs, options.now ? { now: options.now } : {});
}
