/**
 * Kestra's ExecutionService.purge, as the PurgeExecutions task asks it of the host: the
 * executions started between two instants (of a namespace and below, of a flow, in some
 * states), each deleted with, per flag, its log lines and its files. The execution that asks is
 * never purged (its own object runs the task). Each host finds and deletes its way; the
 * matching rule is here.
 */
import { type Execution, isTerminated, type StateType } from "../executor/model.js";

export interface PurgeRequest {
  /** The namespace and those below it; all namespaces when unset. */
  readonly namespace?: string;
  readonly flowId?: string;
  /** Started at or after `startDate`, ended at or before `endDate` (ISO-8601). */
  readonly startDate?: string;
  readonly endDate: string;
  /** Any state when unset. */
  readonly states?: readonly StateType[];
  readonly purgeExecution: boolean;
  readonly purgeLog: boolean;
  readonly purgeStorage: boolean;
}

export interface PurgeCounts {
  readonly executionsCount: number;
  readonly logsCount: number;
  readonly storagesCount: number;
}

/** Whether an execution falls under a purge request (the asking execution never does). */
export function purgeMatches(execution: Execution, request: PurgeRequest, asking: string): boolean {
  if (execution.id === asking) return false;
  const { namespace, flowId, startDate, endDate, states } = request;
  if (namespace !== undefined && execution.namespace !== namespace && !execution.namespace.startsWith(`${namespace}.`))
    return false;
  if (flowId !== undefined && execution.flowId !== flowId) return false;
  // As Kestra's repository finds them: started at or after startDate, ended at or before endDate
  // (an execution still running has no end, and is not purged).
  const started = Date.parse(execution.state.histories[0]?.date ?? "");
  if (startDate !== undefined && started < Date.parse(startDate)) return false;
  if (!isTerminated(execution.state.current)) return false;
  const ended = Date.parse(execution.state.histories.at(-1)?.date ?? "");
  if (ended > Date.parse(endDate)) return false;
  return states === undefined || states.includes(execution.state.current);
}
