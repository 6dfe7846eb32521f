/**
 * The SQL schema (drizzle sqlite-core) shared by D1 on Workers and libSQL locally:
 * flows with every revision kept, and the execution index. drizzle-kit generates
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

export type FlowRow = typeof flows.$inferSelect;
export type ExecutionRow = typeof executions.$inferSelect;
