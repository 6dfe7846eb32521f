/**
 * The LogIndex port: the log lines of every execution, searchable across executions by
 * namespace, flow, level, text and dates (Kestra's `/logs/search`). Each execution keeps its
 * own lines (its Durable Object, the local host's memory); its host copies them here off the
 * hot path, so a write must be idempotent: a line is keyed by its execution and position.
 */
import type { LogLevel, LogLine } from "../executor/protocol.js";
import type { Paged } from "./flow-store.js";

/** Kestra's LogEntry, as the API answers it. */
export interface LogEntry {
  readonly namespace: string;
  readonly flowId: string;
  readonly executionId: string;
  readonly taskId?: string;
  readonly taskRunId?: string;
  readonly attemptNumber?: number;
  readonly level: LogLevel;
  readonly message: string;
  readonly timestamp: string;
}

export type LogSortField = "timestamp" | "level" | "namespace" | "flowId";
export const LOG_SORT_FIELDS: readonly LogSortField[] = ["timestamp", "level", "namespace", "flowId"];

export interface LogQuery {
  /** 1-based. */
  readonly page: number;
  readonly size: number;
  /** Case-insensitive substring of the message (or the execution, task or flow id). */
  readonly q?: string;
  /** The namespace or any namespace below it. */
  readonly namespace?: string;
  readonly flowId?: string;
  readonly executionId?: string;
  /** This level and the more severe ones. */
  readonly minLevel?: LogLevel;
  /** At or after / at or before these instants (ISO-8601). */
  readonly startDate?: string;
  readonly endDate?: string;
  /** Newest first unless told. */
  readonly sort?: readonly { field: LogSortField; order: "asc" | "desc" }[];
}

/** Where the lines come from: an execution, and the position of its first line in `lines`. */
export interface LogBatch {
  readonly execution: { readonly id: string; readonly namespace: string; readonly flowId: string };
  /** Position (0-based) of `lines[0]` among the execution's lines. */
  readonly from: number;
  readonly lines: readonly LogLine[];
}

export interface LogIndex {
  /** Writes the lines at their positions; writing the same positions again changes nothing. */
  append(batch: LogBatch): Promise<void>;
  search(query: LogQuery): Promise<Paged<LogEntry>>;
  /** Deletes an execution's lines; how many went. */
  deleteExecution(executionId: string): Promise<number>;
  /** The executions with lines matching the query (its paging and sort aside). */
  executionsWith(
    query: Omit<LogQuery, "page" | "size" | "sort"> & { readonly levels?: readonly LogLevel[] },
  ): Promise<string[]>;
}
