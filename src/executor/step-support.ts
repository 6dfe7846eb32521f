/**
 * What the Stepper (src/executor/step.ts) and its parts share: timer ids, memo keys and
 * small helpers.
 */

import type { StateType, TaskRun } from "./model.js";

export const RETRY_TIMER = "retry:";
export const PAUSE_TYPE = "io.kestra.plugin.core.flow.Pause";
/** The state a Pause's `behavior` resumes it to (Kestra's Pause.Behavior). */
export const PAUSE_BEHAVIORS: Readonly<Record<string, StateType>> = {
  RESUME: "RUNNING",
  WARN: "WARNING",
  FAIL: "FAILED",
  CANCEL: "CANCELLED",
  TIMEOUT: "FAILED",
};
export const TIMEOUT_TIMER = "timeout:";
export const SCHEDULE_TIMER = "schedule";
export const WAIT_TIMER = "wait:";
export const RESUME_TIMER = "resume:";
/** A MAX_DURATION SLA's deadline: `sla:<index in the flow's sla list>`. */
export const SLA_TIMER = "sla:";
/** When the next execution of a CREATE_NEW_EXECUTION retry is due. */
export const NEW_EXECUTION_TIMER = "new-execution:";

export const CORRELATION_ID = "system.correlationId";

/** Memo keys of a WorkingDirectory's directory, for the current run of its task run (a restart opens a new one). */
export function closedKey(run: TaskRun): string {
  return `directory.closed:${run.id}:${run.state.histories.length}`;
}

export function closingKey(run: TaskRun): string {
  return `directory.closing:${run.id}:${run.state.histories.length}`;
}

export function openFailedKey(run: TaskRun): string {
  return `directory.open-failed:${run.id}:${run.state.histories.length}`;
}

/** Variables with extra ones merged in, maps one level deep (`taskrun.items` beside `taskrun.id`). */
export function withExtra(
  variables: Record<string, unknown>,
  extra: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> {
  if (!extra) return variables;
  const merged = { ...variables };
  for (const [key, value] of Object.entries(extra)) {
    const current = merged[key];
    merged[key] =
      current && typeof current === "object" && value && typeof value === "object" ? { ...current, ...value } : value;
  }
  return merged;
}

/** `iterations` with one child moved from a state (when given) to another. */
export function count(iterations: unknown, from: string | undefined, to: string): Record<string, number> {
  const next = { ...((iterations ?? {}) as Record<string, number>) };
  if (from !== undefined) next[from] = (next[from] ?? 0) - 1;
  next[to] = (next[to] ?? 0) + 1;
  return next;
}

/** Child states a Subflow with transmitFailed takes on. */
export const TRANSMITTED: ReadonlySet<StateType> = new Set(["FAILED", "KILLED", "WARNING", "PAUSED"]);

/** Kestra's TimeoutExceededException message: `Timeout after 00:00:01.500` (DurationFormatUtils.formatDurationHMS). */
export function timeoutMessage(ms: number): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  return `Timeout after ${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${pad(Math.floor(ms % 1000), 3)}`;
}

/** Kestra's TruthUtils for runIf: false only for null, "", "false", "0" and "-0". */
export function truthy(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  const text = typeof value === "string" ? value : String(value);
  return !["", "false", "0", "-0"].includes(text.trim());
}
