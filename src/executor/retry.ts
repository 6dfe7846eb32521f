/**
 * Retries (spec §4, 1.x): which retry applies to a failed task run (its own, then its
 * nearest flowable ancestor's, then the flow's), whether another attempt is due, and when.
 */
import type { Retry } from "../flow/schema/retry.js";
import { parseDurationMs } from "../util/duration.js";
import type { ExecutionHeader } from "./exec-state.js";
import type { FlowIndex } from "./flow-index.js";
import type { TaskRun } from "./model.js";

export function retryFor(index: FlowIndex, taskId: string): Retry | undefined {
  for (let id: string | undefined = taskId; id !== undefined; ) {
    const entry = index.task(id);
    if (entry.task.retry) return entry.task.retry;
    id = entry.parentTaskId;
  }
  return index.flow.retry;
}

/**
 * The instant of the next attempt, or undefined when no retry is due: `maxAttempts`
 * counts every attempt including the first; `maxDuration` runs from the first attempt.
 * `random` is a number in [0, 1) supplied by the caller (step() reads no random source).
 */
export function nextRetryDate(retry: Retry, run: TaskRun, now: string, random: number): string | undefined {
  const attempts = run.attempts?.length ?? 0;
  if (retry.maxAttempts !== undefined && attempts >= retry.maxAttempts) return undefined;
  const next = Date.parse(now) + retryDelay(retry, attempts, random);
  if (retry.maxDuration !== undefined) {
    const firstStart = Date.parse(run.attempts?.[0]?.state.histories[0]?.date ?? now);
    // Attempts take time on Kestra, so an attempt due exactly at the limit is already too late.
    if (next >= firstStart + parseDurationMs(String(retry.maxDuration))) return undefined;
  }
  return new Date(next).toISOString();
}

/**
 * The instant of the next execution, for `behavior: CREATE_NEW_EXECUTION` (Kestra's
 * ExecutionService/TaskRun.nextRetryDate(retry, execution)): `maxAttempts` counts the
 * executions (`metadata.attemptNumber`), `maxDuration` runs from the first one's creation
 * (`metadata.originalCreatedDate`); the delay grows with the attempt number. Undefined
 * when no new execution is due.
 */
export function nextExecutionDate(
  retry: Retry,
  execution: ExecutionHeader,
  now: string,
  random: number,
): string | undefined {
  const { attemptNumber, originalCreatedDate } = execution.metadata;
  if (retry.maxAttempts !== undefined && attemptNumber >= retry.maxAttempts) return undefined;
  const next = Date.parse(now) + retryDelay(retry, attemptNumber, random);
  // As above: on Kestra time passes while the attempts run, so the limit itself is too late.
  if (
    retry.maxDuration !== undefined &&
    next >= Date.parse(originalCreatedDate) + parseDurationMs(String(retry.maxDuration))
  )
    return undefined;
  return new Date(next).toISOString();
}

/** The wait before attempt `attempts + 1`, in milliseconds. */
function retryDelay(retry: Retry, attempts: number, random: number): number {
  const ms = (value: unknown) => parseDurationMs(String(value));
  let delay: number;
  if (retry.type === "constant") delay = ms(retry.interval);
  else if (retry.type === "exponential") {
    // Kestra 1.x patch releases (PR #17031): interval × factor^(attempts − 1), capped.
    delay = Math.min(ms(retry.interval) * (retry.delayFactor ?? 2) ** Math.max(0, attempts - 1), ms(retry.maxInterval));
  } else {
    const min = ms(retry.minInterval);
    delay = min + Math.floor(random * (ms(retry.maxInterval) - min));
  }
  return Math.round(delay);
}
