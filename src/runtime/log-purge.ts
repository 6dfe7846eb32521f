/**
 * Kestra's PurgeLogs, as the task asks it of the host: the log lines of executions of a
 * namespace and below (a flow, an execution), of some levels, written between two instants.
 * Each host deletes its way; the matching rule is here.
 */
import type { LogLevel, LogLine } from "../executor/protocol.js";

export interface LogPurgeRequest {
  /** The namespace and those below it; all when unset. */
  readonly namespace?: string;
  readonly flowId?: string;
  readonly executionId?: string;
  /** All levels when unset. */
  readonly levels?: readonly LogLevel[];
  /** Written at or after / at or before these instants (ISO-8601). */
  readonly startDate?: string;
  readonly endDate: string;
}

type Owner = { readonly id: string; readonly namespace: string; readonly flowId: string };

/** Whether the request may concern an execution's lines at all. */
export function purgesExecution(request: LogPurgeRequest, execution: Owner): boolean {
  const { namespace, flowId, executionId } = request;
  if (executionId !== undefined && execution.id !== executionId) return false;
  if (flowId !== undefined && execution.flowId !== flowId) return false;
  return (
    namespace === undefined || execution.namespace === namespace || execution.namespace.startsWith(`${namespace}.`)
  );
}

/** Whether a line of a concerned execution goes. */
export function purgesLine(request: LogPurgeRequest, line: LogLine): boolean {
  if (request.levels !== undefined && !request.levels.includes(line.level)) return false;
  const at = Date.parse(line.timestamp);
  if (request.startDate !== undefined && at < Date.parse(request.startDate)) return false;
  return at <= Date.parse(request.endDate);
}
