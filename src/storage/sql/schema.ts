/**
 * The SQL schema (drizzle sqlite-core) shared by D1 on Workers and libSQL locally:
 * flows with every revision kept, the execution index, the KV store, namespace files'
 * metadata and the log lines searched across executions. drizzle-kit generates
 * `migrations/` from this file (`npm run db:generate`).
 */
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** One row per flow revision, as Kestra keeps them: a delete is a new revision with `deleted` set. */
export const flows = sqliteTable(
  "flows",
  {
    tenantId: text("tenant_id").notNull().default("main"),
    namespace: text("namespace").notNull(),
    id: text("id").notNull(),
    revision: integer("revision").notNull(),
    /** The YAML exactly as the user sent it. */
    source: text("source").notNull(),
    /** The parsed flow as JSON, so reads need no parser or plugin registry. */
    value: text("value", { mode: "json" }).notNull(),
    deleted: integer("deleted", { mode: "boolean" }).notNull().default(false),
    disabled: integer("disabled", { mode: "boolean" }).notNull().default(false),
    /** ISO-8601 instant of this revision. */
    updated: text("updated").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.namespace, t.id, t.revision] }),
    index("flows_namespace").on(t.tenantId, t.namespace),
  ],
);

/** The summary of each execution, upserted by the execution's host, for search and listings. */
export const executions = sqliteTable(
  "executions",
  {
    tenantId: text("tenant_id").notNull().default("main"),
    id: text("id").notNull(),
    namespace: text("namespace").notNull(),
    flowId: text("flow_id").notNull(),
    flowRevision: integer("flow_revision").notNull(),
    state: text("state").notNull(),
    /** `[{key, value}]`, Kestra's label list. */
    labels: text("labels", { mode: "json" }).notNull(),
    startDate: text("start_date").notNull(),
    endDate: text("end_date"),
    parentId: text("parent_id"),
    triggerExecutionId: text("trigger_execution_id"),
    deleted: integer("deleted", { mode: "boolean" }).notNull().default(false),
    /** The execution summary JSON (no task runs), as the search endpoint returns it. */
    value: text("value", { mode: "json" }).notNull(),
    updated: text("updated").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("executions_flow").on(t.tenantId, t.namespace, t.flowId, t.startDate),
    index("executions_start").on(t.tenantId, t.startDate),
    index("executions_state").on(t.tenantId, t.state, t.startDate),
  ],
);

/**
 * The KV store (Kestra's per-namespace key-value pairs, spec 9.3): one row per key, the typed
 * value as typed JSON (src/util/typed-json.ts), its Kestra type, description and expiry.
 */
export const kv = sqliteTable(
  "kv",
  {
    tenantId: text("tenant_id").notNull().default("main"),
    namespace: text("namespace").notNull(),
    key: text("key").notNull(),
    /** STRING, NUMBER, BOOLEAN, DATETIME, DATE, DURATION or JSON. */
    type: text("type").notNull(),
    value: text("value").notNull(),
    description: text("description"),
    /** ISO-8601 instant after which the key reads as expired; null: never. */
    expirationDate: text("expiration_date"),
    created: text("created").notNull(),
    updated: text("updated").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.namespace, t.key] }), index("kv_expiration").on(t.expirationDate)],
);

/**
 * Namespace files' metadata (spec 9.2): one row per file or directory of a namespace's tree;
 * a file's content lives in internal storage at `kestra:///<ns/path>/_files/<path>`.
 */
export const namespaceFiles = sqliteTable(
  "namespace_files",
  {
    tenantId: text("tenant_id").notNull().default("main"),
    namespace: text("namespace").notNull(),
    /** Absolute within the namespace, `/` first: `/scripts/etl.py`. */
    path: text("path").notNull(),
    directory: integer("directory", { mode: "boolean" }).notNull().default(false),
    size: integer("size").notNull().default(0),
    created: text("created").notNull(),
    updated: text("updated").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.namespace, t.path] })],
);

/**
 * Log lines of every execution, for the log search across executions: written by each
 * execution's host off its hot path, like the execution index (the execution keeps its own).
 */
export const logs = sqliteTable(
  "logs",
  {
    tenantId: text("tenant_id").notNull().default("main"),
    executionId: text("execution_id").notNull(),
    /** The line's position among its execution's lines: a write repeated replaces it. */
    seq: integer("seq").notNull(),
    namespace: text("namespace").notNull(),
    flowId: text("flow_id").notNull(),
    taskId: text("task_id"),
    taskRunId: text("task_run_id"),
    attemptNumber: integer("attempt_number"),
    level: text("level").notNull(),
    message: text("message").notNull(),
    timestamp: text("timestamp").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.executionId, t.seq] }),
    index("logs_flow").on(t.tenantId, t.namespace, t.flowId, t.timestamp),
    index("logs_time").on(t.tenantId, t.timestamp),
  ],
);

export type FlowRow = typeof flows.$inferSelect;
export type ExecutionRow = typeof executions.$inferSelect;
