/**
 * FlowStore over drizzle's SQLite, written once for D1 (Workers) and libSQL (local).
 * D1 has no interactive transactions, so a write reads the last revision and inserts the
 * next one; the primary key (tenant, namespace, id, revision) turns a concurrent write of
 * the same revision into a conflict instead of a lost update.
 */
import { and, asc, count, desc, eq, gt, notExists, or, type SQL, sql } from "drizzle-orm";
import { alias, type BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import type {
  CreateResult,
  FlowInput,
  FlowSearch,
  FlowStore,
  GetOptions,
  Paged,
  StoredFlow,
  UpdateResult,
} from "../flow-store.js";
import { contains, withinNamespace } from "./like.js";
import { type FlowRow, flows } from "./schema.js";

/** Any async drizzle SQLite database: `drizzle(env.DB)` on D1, `drizzle(client)` on libSQL. */
export type SqlDatabase = BaseSQLiteDatabase<"async", unknown>;

const newer = alias(flows, "newer");

export function createSqlFlowStore(db: SqlDatabase, options: { tenantId?: string; now?: () => Date } = {}): FlowStore {
  const tenantId = options.tenantId ?? "main";
  const now = options.now ?? (() => new Date());

  const key = (namespace: string, id: string): SQL =>
    and(eq(flows.tenantId, tenantId), eq(flows.namespace, namespace), eq(flows.id, id)) as SQL;

  /** Rows that are the last revision of their flow. */
  const isLatest = notExists(
    db
      .select({ one: sql`1` })
      .from(newer)
      .where(
        and(
          eq(newer.tenantId, flows.tenantId),
          eq(newer.namespace, flows.namespace),
          eq(newer.id, flows.id),
          gt(newer.revision, flows.revision),
        ),
      ),
  );
  const live = and(eq(flows.tenantId, tenantId), isLatest, eq(flows.deleted, false)) as SQL;

  async function latest(namespace: string, id: string): Promise<FlowRow | undefined> {
    const [row] = await db.select().from(flows).where(key(namespace, id)).orderBy(desc(flows.revision)).limit(1);
    return row;
  }

  async function insert(
    row: Omit<FlowRow, "tenantId" | "updated" | "revision">,
    revision: number,
  ): Promise<StoredFlow | "conflict"> {
    const written: FlowRow = { ...row, tenantId, revision, updated: now().toISOString() };
    try {
      await db.insert(flows).values(written);
    } catch (error) {
      if (isUniqueViolation(error)) return "conflict";
      throw error;
    }
    return toStored(written);
  }

  return {
    async create(input: FlowInput): Promise<CreateResult> {
      const last = await latest(input.namespace, input.id);
      if (last !== undefined && !last.deleted) return { ok: false, code: "flow.exists" };
      const flow = await insert({ ...input, deleted: false }, (last?.revision ?? 0) + 1);
      return flow === "conflict" ? { ok: false, code: "flow.conflict" } : { ok: true, flow };
    },

    async update(input: FlowInput): Promise<UpdateResult> {
      const last = await latest(input.namespace, input.id);
      if (last === undefined || last.deleted) return { ok: false, code: "flow.not-found" };
      if (last.source === input.source) return { ok: true, flow: toStored(last), changed: false };
      const flow = await insert({ ...input, deleted: false }, last.revision + 1);
      return flow === "conflict" ? { ok: false, code: "flow.conflict" } : { ok: true, flow, changed: true };
    },

    async get(namespace: string, id: string, get: GetOptions = {}): Promise<StoredFlow | undefined> {
      if (get.revision !== undefined) {
        const [row] = await db
          .select()
          .from(flows)
          .where(and(key(namespace, id), eq(flows.revision, get.revision)));
        return row === undefined ? undefined : toStored(row);
      }
      const last = await latest(namespace, id);
      if (last === undefined || (last.deleted && get.allowDeleted !== true)) return undefined;
      return toStored(last);
    },

    async delete(namespace: string, id: string): Promise<StoredFlow | undefined> {
      const last = await latest(namespace, id);
      if (last === undefined || last.deleted) return undefined;
      const flow = await insert({ ...last, deleted: true }, last.revision + 1);
      // A concurrent write won the next revision: report what is there now.
      return flow === "conflict" ? this.get(namespace, id, { allowDeleted: true }) : flow;
    },

    async listByNamespace(namespace: string): Promise<StoredFlow[]> {
      const rows = await db
        .select()
        .from(flows)
        .where(and(live, eq(flows.namespace, namespace)))
        .orderBy(asc(flows.id));
      return rows.map(toStored);
    },

    async search(query: FlowSearch): Promise<Paged<StoredFlow>> {
      const where = and(live, ...searchConditions(query)) as SQL;
      const order = (query.sort ?? []).map((s) => (s.order === "asc" ? asc : desc)(SORT_COLUMNS[s.field]));
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(flows)
          .where(where)
          .orderBy(...order, asc(flows.namespace), asc(flows.id))
          .limit(query.size)
          .offset((query.page - 1) * query.size),
        db.select({ total: count() }).from(flows).where(where),
      ]);
      return { results: rows.map(toStored), total: total?.total ?? 0 };
    },

    async revisions(namespace: string, id: string, options: { allowDeleted?: boolean } = {}): Promise<StoredFlow[]> {
      const rows = await db
        .select()
        .from(flows)
        .where(and(key(namespace, id), options.allowDeleted === true ? undefined : eq(flows.deleted, false)))
        .orderBy(asc(flows.revision));
      return rows.map(toStored);
    },

    async namespaces(q?: string): Promise<string[]> {
      const rows = await db
        .selectDistinct({ namespace: flows.namespace })
        .from(flows)
        .where(and(live, q === undefined || q === "" ? undefined : contains(flows.namespace, q)))
        .orderBy(asc(flows.namespace));
      return rows.map((r) => r.namespace);
    },
  };
}

const SORT_COLUMNS = {
  id: flows.id,
  namespace: flows.namespace,
  revision: flows.revision,
  updated: flows.updated,
} as const;

function searchConditions(query: FlowSearch): (SQL | undefined)[] {
  const conditions: (SQL | undefined)[] = [];
  if (query.namespace !== undefined && query.namespace !== "") {
    conditions.push(withinNamespace(flows.namespace, query.namespace));
  }
  if (query.q !== undefined && query.q !== "") {
    conditions.push(
      or(
        contains(flows.id, query.q),
        contains(flows.namespace, query.q),
        contains(sql`json_extract(${flows.value}, '$.description')`, query.q),
      ),
    );
  }
  for (const label of query.labels ?? []) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM json_each(${flows.value}, '$.labels') AS label
            WHERE json_extract(label.value, '$.key') = ${label.key}
              AND json_extract(label.value, '$.value') = ${label.value})`,
    );
  }
  return conditions;
}

function toStored(row: FlowRow): StoredFlow {
  return { ...row, value: row.value as Record<string, unknown> };
}

/** D1 and libSQL both report a primary-key clash as SQLite's UNIQUE constraint error. */
function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (/UNIQUE constraint failed|SQLITE_CONSTRAINT/i.test(e.message)) return true;
  }
  return false;
}
