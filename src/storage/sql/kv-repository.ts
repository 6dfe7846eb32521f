/**
 * The KV store over drizzle's SQLite, written once for D1 (Workers) and libSQL (local): the
 * `kv` table keeps one row per key; the rules (types, expiry, key check) are the port's.
 */
import { and, asc, eq, type SQL } from "drizzle-orm";
import { createKvStore, type KvRow, type KvRows, type KvStore, type KvType } from "../kv-store.js";
import type { SqlDatabase } from "./flow-repository.js";
import { kv } from "./schema.js";

export function createSqlKvRows(db: SqlDatabase, options: { tenantId?: string } = {}): KvRows {
  const tenantId = options.tenantId ?? "main";
  const inNamespace = (namespace: string): SQL => and(eq(kv.tenantId, tenantId), eq(kv.namespace, namespace)) as SQL;
  const byKey = (namespace: string, key: string): SQL => and(inNamespace(namespace), eq(kv.key, key)) as SQL;
  const toRow = (row: typeof kv.$inferSelect): KvRow => ({
    namespace: row.namespace,
    key: row.key,
    type: row.type as KvType,
    value: row.value,
    description: row.description,
    expirationDate: row.expirationDate,
    created: row.created,
    updated: row.updated,
  });

  return {
    async read(namespace, key) {
      const [row] = await db.select().from(kv).where(byKey(namespace, key));
      return row === undefined ? undefined : toRow(row);
    },

    async write(row) {
      await db
        .insert(kv)
        .values({ ...row, tenantId })
        .onConflictDoUpdate({
          target: [kv.tenantId, kv.namespace, kv.key],
          set: {
            type: row.type,
            value: row.value,
            description: row.description,
            expirationDate: row.expirationDate,
            updated: row.updated,
          },
        });
    },

    async remove(namespace, key) {
      const removed = await db.delete(kv).where(byKey(namespace, key)).returning({ key: kv.key });
      return removed.length > 0;
    },

    async list(namespace) {
      const rows = await db.select().from(kv).where(inNamespace(namespace)).orderBy(asc(kv.key));
      return rows.map(toRow);
    },
  };
}

/** The KV store on D1 (`drizzle(env.DB)`) or libSQL (`drizzle(client)`). */
export function createSqlKvStore(db: SqlDatabase, options: { tenantId?: string; now?: () => Date } = {}): KvStore {
  return createKvStore(createSqlKvRows(db, options), options.now ? { now: options.now } : {});
}
