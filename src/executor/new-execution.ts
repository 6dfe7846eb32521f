/** A new execution of a flow, as Kestra creates it: CREATED, flow labels plus the correlation id. */
import type { Flow } from "../flow/model.js";
import type { Execution, ExecutionTrigger, Label } from "./model.js";
import { newState } from "./model.js";

export interface NewExecution {
  readonly id: string;
  readonly flow: Flow;
  readonly now: string;
  readonly inputs?: Readonly<Record<string, unknown>>;
  readonly labels?: readonly Label[];
  readonly trigger?: ExecutionTrigger;
  readonly parentId?: string;
  /** Start at this instant (ISO) rather than now. */
  readonly scheduleDate?: string;
}

export function newExecution({ id, flow, now, inputs, labels, trigger, scheduleDate }: NewExecution): Execution {
  const all: Label[] = [...(flow.labels ?? []).filter((l) => !l.key.startsWith("system.")), ...(labels ?? [])];
  if (!all.some((l) => l.key === "system.correlationId")) all.push({ key: "system.correlationId", value: id });
  return {
    id,
    namespace: flow.namespace,
    flowId: flow.id,
    flowRevision: flow.revision ?? 1,
    taskRunList: [],
    inputs: inputs ?? {},
    labels: all,
    state: newState("CREATED", now),
    originalId: id,
    ...(trigger ? { trigger } : {}),
    deleted: false,
    metadata: { attemptNumber: 1, originalCreatedDate: now },
    ...(scheduleDate ? { scheduleDate } : {}),
  };
}
