/**
 * Flow SLAs (Kestra's flows/sla, SLAService, ExecutorService.processViolation; unchanged in
 * 1.x): MAX_DURATION is checked by a timer set when the execution is created, due at its
 * start date + `duration`; EXECUTION_ASSERTION is evaluated whenever the execution changes
 * while it is not terminated, and is violated when `assert` does not render truthy.
 */
import type { Label } from "./model.js";

export type SlaBehavior = "FAIL" | "CANCEL" | "NONE";

export interface Sla {
  readonly id: string;
  readonly type: "MAX_DURATION" | "EXECUTION_ASSERTION";
  readonly behavior: SlaBehavior;
  readonly labels?: unknown;
  readonly duration?: unknown;
  readonly assert?: unknown;
}

export interface Violation {
  readonly slaId: string;
  readonly behavior: SlaBehavior;
  readonly labels: readonly Label[];
  readonly reason: string;
}

export function violation(sla: Sla, reason: string): Violation {
  return { slaId: sla.id, behavior: sla.behavior ?? "FAIL", labels: slaLabels(sla.labels), reason };
}

/** SLA `labels`, a map or a list of `{key, value}`, as a list with string values. */
function slaLabels(labels: unknown): Label[] {
  const text = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));
  if (Array.isArray(labels)) {
    return labels.map((label: { key: string; value: unknown }) => ({ key: label.key, value: text(label.value) }));
  }
  if (labels !== null && typeof labels === "object") {
    return Object.entries(labels).map(([key, value]) => ({ key, value: text(value) }));
  }
  return [];
}

/** True when every label is already on the execution (Kestra's LabelService.containsAll). */
export function containsAll(current: readonly Label[], labels: readonly Label[]): boolean {
  return labels.every((label) => current.some((l) => l.key === label.key && l.value === label.value));
}
