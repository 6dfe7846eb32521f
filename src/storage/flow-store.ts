/**
 * The FlowStore port: flows with every revision kept, as Kestra's flow repository keeps
 * them. D1 and libSQL implement it once in sql/flow-repository.ts; the API depends only
 * on this interface.
 */

/** One stored revision of a flow. `value` is the parsed flow JSON the executor runs. */
export interface StoredFlow {
  readonly tenantId: string;
  readonly namespace: string;
  readonly id: string;
  readonly revision: number;
  readonly source: string;
  readonly value: Readonly<Record<string, unknown>>;
  readonly deleted: boolean;
  readonly disabled: boolean;
  /** ISO-8601 instant this revision was written. */
  readonly updated: string;
}

/** What a create or an update writes: the source and what it parsed to. */
export interface FlowInput {
  readonly namespace: string;
  readonly id: string;
  readonly source: string;
  readonly value: Readonly<Record<string, unknown>>;
  readonly disabled: boolean;
}

export type FlowSortField = "id" | "namespace" | "revision" | "updated";
export const FLOW_SORT_FIELDS: readonly FlowSortField[] = ["id", "namespace", "revision", "updated"];

export interface FlowSearch {
  /** 1-based. */
  readonly page: number;
  readonly size: number;
  /** Case-insensitive substring of the id, the namespace or the description. */
  readonly q?: string;
  /** The namespace or any namespace below it (Kestra's prefix match). */
  readonly namespace?: string;
  /** Every label must be on the flow. */
  readonly labels?: readonly { key: string; value: string }[];
  readonly sort?: readonly { field: FlowSortField; order: "asc" | "desc" }[];
}

export interface Paged<T> {
  readonly results: T[];
  readonly total: number;
}

export type CreateResult = { ok: true; flow: StoredFlow } | { ok: false; code: "flow.exists" | "flow.conflict" };
export type UpdateResult =
  | { ok: true; flow: StoredFlow; changed: boolean }
  | { ok: false; code: "flow.not-found" | "flow.conflict" };

export interface GetOptions {
  /** A given revision, deleted or not (Kestra returns any stored revision). */
  readonly revision?: number;
  /** Return the latest revision even when it is a deletion. */
  readonly allowDeleted?: boolean;
}

export interface FlowStore {
  /** Revision 1, or the revision after the last one when the flow was deleted before. */
  create(input: FlowInput): Promise<CreateResult>;
  /** A new revision only when the source changed, as Kestra does. */
  update(input: FlowInput): Promise<UpdateResult>;
  get(namespace: string, id: string, options?: GetOptions): Promise<StoredFlow | undefined>;
  /** Writes a deleted revision after the latest one; undefined when there is no live flow. */
  delete(namespace: string, id: string): Promise<StoredFlow | undefined>;
  /** The latest live revision of every flow of exactly this namespace, by id. */
  listByNamespace(namespace: string): Promise<StoredFlow[]>;
  search(query: FlowSearch): Promise<Paged<StoredFlow>>;
  /** Every revision, oldest first; deleted revisions only when asked. */
  revisions(namespace: string, id: string, options?: { allowDeleted?: boolean }): Promise<StoredFlow[]>;
  /** Namespaces that hold at least one live flow, sorted. */
  namespaces(q?: string): Promise<string[]>;
}
