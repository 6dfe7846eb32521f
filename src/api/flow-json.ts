/**
 * Stored flows as Kestra's API returns them: the flow model plus `tenantId`, `revision`,
 * `deleted` and `updated` (Flow), and `source`, the YAML as sent (FlowWithSource).
 */
import { describeIssue, type FlowIssue, type ParseResult } from "../flow/index.js";
import type { FlowInput, StoredFlow } from "../storage/flow-store.js";
import { ApiError } from "./errors.js";

export function flowJson(stored: StoredFlow, withSource: boolean): Record<string, unknown> {
  const { id, namespace, ...rest } = stored.value;
  return {
    id,
    namespace,
    tenantId: stored.tenantId,
    revision: stored.revision,
    ...rest,
    disabled: stored.disabled,
    deleted: stored.deleted,
    updated: stored.updated,
    ...(withSource ? { source: stored.source } : {}),
  };
}

/** A parse result as what the store writes, or the 422 Kestra answers for an invalid flow. */
export function flowInput(result: ParseResult): FlowInput {
  if (!result.ok) throw invalidEntity(result.issues);
  const { flow, source } = result;
  return { namespace: flow.namespace, id: flow.id, source, value: { ...flow }, disabled: flow.disabled };
}

/** Kestra's ConstraintViolation answer: 422, `Invalid entity: <path>: <message>`, here with line and column. */
export function invalidEntity(issues: readonly FlowIssue[]): ApiError {
  return new ApiError("unprocessable", `Invalid entity: ${issues.map(describeIssue).join("\n")}`, {
    errors: issues.map((issue) => ({ ...issue })),
  });
}

export function flowNotFound(namespace: string, id: string, revision?: number): ApiError {
  const which = revision === undefined ? "" : ` at revision ${revision}`;
  return new ApiError("not-found", `flow ${namespace}.${id}${which} not found`);
}
