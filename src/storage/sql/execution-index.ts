/**
 * ExecutionIndex over drizzle's SQLite (D1 and libSQL). One upsert statement per write:
 * the row changes only when the incoming summary's last state change is at least as recent
 * as the stored one, so replays and out-of-order deliveries are harmless.
 */
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, or, type SQL, sql } from "drizzle-orm";
import { type Execution, isTerminated } from "../../executor/model.js";
import type { ExecutionIndex, ExecutionQuery } from "../execution-index.js";
import type { Paged } from "../flow-store.js";
import type { SqlDatabase } from "./flow-repository.js";
import { contains, withinNamespace } from "./like.js";
import { type ExecutionRow, executions } from "./schema.js";

export function createSqlExecutionIndex(db: SqlDatabase, options: { tenantId?: string } = {}): ExecutionIndex {
  const tenantId = options.tenantId ?? "main";
  const byId = (id: string): SQL => and(eq(executions.tenantId, tenantId), eq(executions.id, id)) as SQL;

  return {
    async upsert(execution: Execution): Promise<void> {
      const row = toRow(tenantId, execution);
      const { tenantId: _t, id: _i, ...changes } = row;
      await db
        .insert(executions)
        .values(row)
        .onConflictDoUpdate({
          target: [executions.tenantId, executions.id],
          set: Object.fromEntries(
            Object.keys(changes).map((column) => [column, sql.raw(`excluded.${COLUMN_NAMES[column]}`)]),
          ),
          setWhere: sql`excluded.updated >= ${executions.updated}`,
        });
    },

    async get(id: string): Promise<Execution | undefined> {
      const [row] = await db
        .select()
        .from(executions)
        .where(and(byId(id), eq(executions.deleted, false)));
      return row === undefined ? undefined : (row.value as Execution);
    },

    async search(query: ExecutionQuery): Promise<Paged<Execution>> {
      const where = and(eq(executions.tenantId, tenantId), eq(executions.deleted, false), ...conditions(query));
      const sort = query.sort !== undefined && query.sort.length > 0 ? query.sort : NEWEST_FIRST;
      const order = sort.map((s) => (s.order === "asc" ? asc : desc)(SORT_COLUMNS[s.field]));
      const [rows, [total]] = await Promise.all([
        db
          .select({ value: executions.value })
          .from(executions)
          .where(where)
          .orderBy(...order, asc(executions.id))
          .limit(query.size)
          .offset((query.page - 1) * query.size),
        db.select({ total: count() }).from(executions).where(where),
      ]);
      return { results: rows.map((r) => r.value as Execution), total: total?.total ?? 0 };
    },

    async delete(id: string): Promise<boolean> {
      const deleted = await db
        .update(executions)
        .set({ deleted: true })
        .where(and(byId(id), eq(executions.deleted, false)))
        .returning({ id: executions.id });
      return deleted.length > 0;
    },
  };
}

const NEWEST_FIRST = [{ field: "state.startDate", order: "desc" }] as const;

const SORT_COLUMNS = {
  id: executions.id,
  namespace: executions.namespace,
  flowId: executions.flowId,
  "state.current": executions.state,
  "state.startDate": executions.startDate,
  "state.endDate": executions.endDate,
} as const;

/** SQL column names of the row fields, for `excluded.<column>` in the upsert. */
const COLUMN_NAMES: Record<string, string> = Object.fromEntries(
  Object.entries(executions).flatMap(([field, column]) =>
    typeof column === "object" && column !== null && "name" in column && typeof column.name === "string"
      ? [[field, column.name]]
      : [],
  ),
);

function conditions(query: ExecutionQuery): (SQL | undefined)[] {
  const found: (SQL | undefined)[] = [];
  if (query.namespace !== undefined && query.namespace !== "")
    found.push(
      query.exactNamespace
        ? eq(executions.namespace, query.namespace)
        : withinNamespace(executions.namespace, query.namespace),
    );
  if (query.flowId !== undefined && query.flowId !== "") found.push(eq(executions.flowId, query.flowId));
  if (query.states !== undefined && query.states.length > 0) found.push(inArray(executions.state, [...query.states]));
  if (query.q !== undefined && query.q !== "")
    found.push(
      or(
        contains(executions.id, query.q),
        contains(executions.namespace, query.q),
        contains(executions.flowId, query.q),
      ),
    );
  for (const label of query.labels ?? [])
    found.push(
      sql`EXISTS (SELECT 1 FROM json_each(${executions.labels}) AS label
            WHERE json_extract(label.value, '$.key') = ${label.key}
              AND json_extract(label.value, '$.value') = ${label.value})`,
    );
  if (query.startDate !== undefined) found.push(sql`${executions.startDate} >= ${instant(query.startDate)}`);
  if (query.endDate !== undefined) found.push(sql`${executions.endDate} <= ${instant(query.endDate)}`);
  if (query.triggerExecutionId !== undefined) found.push(eq(executions.triggerExecutionId, query.triggerExecutionId));
  if (query.childFilter === "CHILD") found.push(isNotNull(executions.triggerExecutionId));
  if (query.childFilter === "MAIN") found.push(isNull(executions.triggerExecutionId));
  return found;
}

function toRow(tenantId: string, execution: Execution): ExecutionRow {
  const { histories, current } = execution.state;
  const startDate = histories[0]?.date ?? execution.metadata.originalCreatedDate;
  const lastChange = histories.at(-1)?.date ?? startDate;
  const endDate = isTerminated(current) ? lastChange : undefined;
  const triggerExecutionId = execution.trigger?.variables?.executionId;
  return {
    tenantId,
    id: execution.id,
    namespace: execution.namespace,
    flowId: execution.flowId,
    flowRevision: execution.flowRevision,
    state: execution.state.current,
    labels: execution.labels,
    startDate: instant(startDate),
    endDate: endDate === undefined ? null : instant(endDate),
    parentId: execution.parentId ?? null,
    triggerExecutionId: typeof triggerExecutionId === "string" ? triggerExecutionId : null,
    deleted: execution.deleted,
    // Task run outputs can be large; the index keeps the tree and the states.
    value: { ...execution, taskRunList: execution.taskRunList.map(({ outputs: _, ...run }) => run) },
    updated: instant(lastChange),
  };
}

/** Instants compared as text must share one format: `Date#toISOString()` (UTC, milliseconds). */
function instant(date: string): string {
  const parsed = Date.parse(date);
  return Number.isNaN(parsed) ? date : new Date(parsed).toISOString();
}
