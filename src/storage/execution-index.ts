/**
 * The ExecutionIndex port: a summary of every execution, searchable by namespace, flow,
 * state, labels and dates, as Kestra's execution search needs. The executions themselves
 * live elsewhere (a Durable Object each); the index is written off the hot path, so a
 * write must be idempotent and an older summary must never replace a newer one.
 */
import type { Execution, StateType } from "../executor/model.js";
import type { Paged } from "./flow-store.js";

export type ExecutionSortField = "id" | "namespace" | "flowId" | "state.current" | "state.startDate" | "state.endDate";
export const EXECUTION_SORT_FIELDS: readonly ExecutionSortField[] = [
  "id",
  "namespace",
  "flowId",
  "state.current",
  "state.startDate",
  "state.endDate",
];

export interface ExecutionQuery {
  /** 1-based. */
  readonly page: number;
  readonly size: number;
  /** Case-insensitive substring of the id, the namespace or the flow id. */
  readonly q?: string;
  /** The namespace or any namespace below it (only the namespace itself with `exactNamespace`). */
  readonly namespace?: string;
  readonly exactNamespace?: boolean;
  readonly flowId?: string;
  /** Any of these states. */
  readonly states?: readonly StateType[];
  /** Every label must be on the execution. */
  readonly labels?: readonly { key: string; value: string }[];
  /** Started at or after this instant (ISO-8601). */
  readonly startDate?: string;
  /** Ended at or before this instant (ISO-8601). */
  readonly endDate?: string;
  readonly triggerExecutionId?: string;
  /** CHILD: executions started by another execution; MAIN: the others. */
  readonly childFilter?: "CHILD" | "MAIN";
  readonly sort?: readonly { field: ExecutionSortField; order: "asc" | "desc" }[];
}

export interface ExecutionIndex {
  /** Inserts or replaces the summary of an execution, unless the stored one is newer. */
  upsert(execution: Execution): Promise<void>;
  /** The indexed summary (task runs without their outputs). */
  get(id: string): Promise<Execution | undefined>;
  search(query: ExecutionQuery): Promise<Paged<Execution>>;
  /** Marks the execution deleted; false when it is not indexed. */
  delete(id: string): Promise<boolean>;
}
