/**
 * LogIndex over drizzle's SQLite (D1 and libSQL). Lines are keyed by execution and position
 * (`insert or ignore`), so a host writing the same lines again after a restart is harmless.
 * D1 binds at most 100 parameters per statement: inserts go in chunks of rows.
 */
import { and, asc, count, desc, eq, gte, inArray, lte, or, type SQL } from "drizzle-orm";
import { LOG_LEVELS, type LogLevel } from "../../executor/protocol.js";
import type { Paged } from "../flow-store.js";
import type { LogEntry, LogIndex, LogQuery } from "../log-index.js";
import type { SqlDatabase } from "./flow-repository.js";
import { contains, withinNamespace } from "./like.js";
import { logs } from "./schema.js";

/** Bound parameters per row (every column of `logs`), and rows per statement within D1's 100. */
const COLUMNS = 11;
const ROWS_PER_STATEMENT = Math.floor(100 / COLUMNS);

export function createSqlLogIndex(db: SqlDatabase, options: { tenantId?: string } = {}): LogIndex {
  const tenantId = options.tenantId ?? "main";
  return {
    async append({ execution, from, lines }): Promise<void> {
      const rows = lines.map((line, i) => ({
        tenantId,
        executionId: execution.id,
        seq: from + i,
        namespace: execution.namespace,
        flowId: execution.flowId,
        taskId: line.taskId ?? null,
        taskRunId: line.taskRunId ?? null,
        attemptNumber: line.attemptNumber ?? null,
        level: line.level,
        message: line.message,
        timestamp: line.timestamp,
      }));
      if (rows.length === 0) return;
      for (let at = 0; at < rows.length; at += ROWS_PER_STATEMENT) {
        await db
          .insert(logs)
          .values(rows.slice(at, at + ROWS_PER_STATEMENT))
          .onConflictDoNothing();
      }
    },

    async search(query: LogQuery): Promise<Paged<LogEntry>> {
      const where = and(eq(logs.tenantId, tenantId), ...conditions(query));
      const sort = query.sort !== undefined && query.sort.length > 0 ? query.sort : NEWEST_FIRST;
      const order = sort.map((s) => (s.order === "asc" ? asc : desc)(SORT_COLUMNS[s.field]));
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(logs)
          .where(where)
          .orderBy(...order, asc(logs.executionId), asc(logs.seq))
          .limit(query.size)
          .offset((query.page - 1) * query.size),
        db.select({ total: count() }).from(logs).where(where),
      ]);
      return {
        results: rows.map((row) => ({
          namespace: row.namespace,
          flowId: row.flowId,
          executionId: row.executionId,
          ...(row.taskId === null ? {} : { taskId: row.taskId }),
          ...(row.taskRunId === null ? {} : { taskRunId: row.taskRunId }),
          ...(row.attemptNumber === null ? {} : { attemptNumber: row.attemptNumber }),
          level: row.level as LogLevel,
          message: row.message,
          timestamp: row.timestamp,
        })),
        total: total?.total ?? 0,
      };
    },

    async executionsWith(query): Promise<string[]> {
      const where = and(
        eq(logs.tenantId, tenantId),
        ...conditions({ page: 1, size: 1, ...query }),
        ...(query.levels === undefined ? [] : [inArray(logs.level, [...query.levels])]),
      );
      const rows = await db.selectDistinct({ id: logs.executionId }).from(logs).where(where);
      return rows.map((row) => row.id).sort();
    },

    async deleteExecution(executionId: string): Promise<number> {
      const deleted = await db
        .delete(logs)
        .where(and(eq(logs.tenantId, tenantId), eq(logs.executionId, executionId)))
        .returning({ seq: logs.seq });
      return deleted.length;
    },
  };
}

const NEWEST_FIRST = [{ field: "timestamp", order: "desc" }] as const;

const SORT_COLUMNS = {
  timestamp: logs.timestamp,
  level: logs.level,
  namespace: logs.namespace,
  flowId: logs.flowId,
} as const;

function conditions(query: LogQuery): SQL[] {
  const where: SQL[] = [];
  if (query.namespace !== undefined) {
    where.push(withinNamespace(logs.namespace, query.namespace));
  }
  if (query.flowId !== undefined) where.push(eq(logs.flowId, query.flowId));
  if (query.executionId !== undefined) where.push(eq(logs.executionId, query.executionId));
  if (query.minLevel !== undefined) {
    where.push(inArray(logs.level, LOG_LEVELS.slice(LOG_LEVELS.indexOf(query.minLevel))));
  }
  if (query.startDate !== undefined) where.push(gte(logs.timestamp, query.startDate));
  if (query.endDate !== undefined) where.push(lte(logs.timestamp, query.endDate));
  if (query.q !== undefined && query.q !== "") {
    where.push(
      or(
        contains(logs.message, query.q),
        contains(logs.executionId, query.q),
        contains(logs.flowId, query.q),
        contains(logs.taskId, query.q),
      ) as SQL,
    );
  }
  return where;
}
