/**
 * Kestra's execution cases (../shared/kestra/cases): load, run on the local host, check.
 * Shared by the vitest suite and `npm run conformance`, so both report the same thing.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { registry } from "../../plugins/index.js";
import type { Execution, TaskRun } from "../../src/executor/model.js";
import { createEngine } from "../../src/expression/index.js";
import { printValue, toPlain } from "../../src/expression/values.js";
import { describeIssue, type Flow, parseFlow } from "../../src/flow/index.js";
import { knownType } from "../../src/flow/types.js";
import { MemoryInputFileStore, resolveInputs } from "../../src/inputs/index.js";
import { fakeClock } from "../../src/local/clock.js";
import { LocalHost } from "../../src/local/host.js";
import { sequentialIds } from "../../src/util/ids.js";
import { KESTRA_DIR } from "../support/kestra.js";

export interface KestraCase {
  readonly id: string;
  readonly flow: string | null;
  readonly load?: readonly string[];
  readonly inputs?: Record<string, unknown>;
  readonly inputsMode?: "raw" | "validated" | "api";
  readonly labels?: readonly { readonly key: string; readonly value: string }[];
  readonly action: string;
  readonly expect?: Record<string, unknown>;
  readonly requires?: readonly string[];
  readonly testOnlyTypes?: readonly string[];
  readonly setup?: Record<string, unknown>;
}

export type Verdict =
  | { readonly kind: "passed" }
  | { readonly kind: "failed"; readonly why: string }
  | { readonly kind: "unsupported"; readonly why: string };

export function loadCases(): KestraCase[] {
  const dir = join(KESTRA_DIR, "cases");
  return readdirSync(dir)
    .filter((name) => name.endsWith(".yaml"))
    .sort()
    .map((name) => parse(readFileSync(join(dir, name), "utf8")) as KestraCase);
}

/** The category a case is reported under: the first word of its id. */
export function category(testCase: KestraCase): string {
  return testCase.id.split("-")[0] ?? testCase.id;
}

function loadFlow(path: string): Flow | string {
  const [folder, file] = path.split("/") as [string, string];
  const result = parseFlow(readFileSync(join(KESTRA_DIR, "flows", folder, file), "utf8"), { registry });
  return result.ok ? result.flow : result.issues.map(describeIssue).join("; ");
}

/** Why Tern cannot run a case yet, or undefined when it can. */
export function unsupported(testCase: KestraCase): string | undefined {
  if (testCase.flow === null) return "the flow is built in Java by Kestra's test (inlineFlow)";
  if ((testCase.testOnlyTypes ?? []).length > 0) {
    return `needs Kestra's test-only types ${testCase.testOnlyTypes?.join(", ")}`;
  }
  if (testCase.action !== "run") return `action ${testCase.action} is not supported by the harness yet`;
  if (testCase.inputsMode === "api") return "inputs through the HTTP API need the Worker runtime";
  if ((testCase.load ?? []).length > 0) return "needs other flows deployed (subflows/triggers)";
  if (testCase.setup && Object.keys(testCase.setup).length > 0) return "needs setup (stores, config)";
  for (const type of testCase.requires ?? []) {
    const canonical = knownType(type, registry);
    const plugin = canonical === undefined ? undefined : registry.get(canonical);
    if (!plugin) return `unsupported type ${type}`;
    // A run started by the harness does not involve the flow's triggers or their conditions.
    if (testCase.action === "run" && (plugin.category === "trigger" || plugin.category === "condition")) continue;
    if (plugin.category === "task" && plugin.kind === "runnable" && !plugin.run && !plugin.waitsFor) {
      return `${type} cannot run yet`;
    }
    if (plugin.category === "task" && plugin.kind === "flowable" && !plugin.behaviour) return `${type} cannot run yet`;
    if (plugin.category !== "task") return `${plugin.category} ${type} is not run by the executor yet`;
  }
  return undefined;
}

/** Flow features the executor does not carry out yet. */
function unsupportedFeature(flow: Flow): string | undefined {
  if (flow.listeners?.length) return "listeners are not run yet";
  if (flow.afterExecution?.length) return "afterExecution is not run yet";
  if (flow.sla?.length) return "SLA is not enforced yet";
  if (flow.concurrency) return "flow concurrency limits are not enforced yet";
  return undefined;
}

export async function runCase(testCase: KestraCase): Promise<Verdict> {
  const reason = unsupported(testCase);
  if (reason !== undefined) return { kind: "unsupported", why: reason };
  const flow = loadFlow(testCase.flow as string);
  if (typeof flow === "string") return { kind: "failed", why: `flow rejected: ${flow}` };
  const feature = unsupportedFeature(flow);
  if (feature !== undefined) return { kind: "unsupported", why: feature };
  const engine = createEngine();
  const host = new LocalHost({
    registry,
    engine,
    clock: fakeClock(),
    ids: sequentialIds("tr"),
    random: () => 0.5,
  });
  let inputs: Record<string, unknown> = testCase.inputs ?? {};
  if (testCase.inputsMode === "validated") {
    const resolved = await resolveInputs(flow.inputs ?? [], inputs, {
      engine,
      execution: { id: "tr0", namespace: flow.namespace, flowId: flow.id },
      files: new MemoryInputFileStore(),
    });
    const [error] = resolved.errors;
    if (error) return { kind: "failed", why: `inputs refused: ${error.message}` };
    inputs = resolved.values;
  }
  let execution: Execution;
  try {
    ({ execution } = await host.run(flow, { inputs, ...(testCase.labels ? { labels: testCase.labels } : {}) }));
  } catch (error) {
    return { kind: "failed", why: `host error: ${error instanceof Error ? error.message : String(error)}` };
  }
  const problems = checkExpectations(testCase.expect ?? {}, execution);
  return problems.length === 0 ? { kind: "passed" } : { kind: "failed", why: problems.join("; ") };
}

function checkExpectations(expect: Record<string, unknown>, execution: Execution): string[] {
  const problems: string[] = [];
  const runs = execution.taskRunList;
  if (expect.state !== undefined && execution.state.current !== expect.state) {
    problems.push(`state ${execution.state.current}, expected ${String(expect.state)}`);
  }
  if (expect.taskRunCount !== undefined && runs.length !== expect.taskRunCount) {
    problems.push(`${runs.length} task runs, expected ${String(expect.taskRunCount)}`);
  }
  if (typeof expect.taskRunCountAtLeast === "number" && runs.length < expect.taskRunCountAtLeast) {
    problems.push(`${runs.length} task runs, expected at least ${expect.taskRunCountAtLeast}`);
  }
  for (const selector of (expect.taskRuns as Record<string, unknown>[] | undefined) ?? []) {
    problems.push(...checkTaskRun(selector, execution));
  }
  const flowOutputs = expect.flowOutputs as Record<string, unknown> | null | undefined;
  if (flowOutputs === null && execution.outputs)
    problems.push(`flow outputs ${printValue(execution.outputs)}, expected none`);
  for (const [key, matcher] of Object.entries(flowOutputs ?? {})) {
    const value = execution.outputs?.[key];
    if (!matches(value, matcher))
      problems.push(`flow output ${key} = ${printValue(value)}, expected ${printValue(matcher)}`);
  }
  problems.push(...checkLabels(expect.labels as Record<string, unknown[]> | undefined, execution));
  const outputs = expect.outputs as Record<string, unknown> | undefined;
  if (outputs) {
    const flat = flatOutputs(execution);
    for (const [key, matcher] of Object.entries(outputs)) {
      if (!matches(flat.get(key), matcher))
        problems.push(`output ${key} = ${printValue(flat.get(key))}, expected ${printValue(matcher)}`);
    }
  }
  return problems;
}

/** `labels: {contains: [...]}` or `{exactlyInAnyOrder: [...]}`, with `<execution id>` and `<task run id of X>` placeholders. */
function checkLabels(expected: Record<string, unknown[]> | undefined, execution: Execution): string[] {
  if (!expected) return [];
  const actual = execution.labels.map(({ key, value }) => `${key}=${value}`);
  const placeholder = (value: string): string => {
    if (value === "<execution id>") return execution.id;
    const taskId = /^<task run id of (.+)>$/.exec(value)?.[1];
    return taskId === undefined ? value : (execution.taskRunList.find((r) => r.taskId === taskId)?.id ?? value);
  };
  const wanted = (expected.contains ?? expected.exactlyInAnyOrder ?? []).map((label) => {
    const { key, value } = label as { key: string; value: unknown };
    return `${key}=${placeholder(String(value))}`;
  });
  const missing = wanted.filter((label) => !actual.includes(label));
  const extra = expected.exactlyInAnyOrder ? actual.filter((label) => !wanted.includes(label)) : [];
  if (missing.length === 0 && extra.length === 0) return [];
  return [`labels [${actual.join(", ")}], missing [${missing.join(", ")}], unexpected [${extra.join(", ")}]`];
}

function checkTaskRun(selector: Record<string, unknown>, execution: Execution): string[] {
  const runs = execution.taskRunList;
  let run: TaskRun | undefined;
  if (typeof selector.index === "number") run = selector.index < 0 ? runs.at(selector.index) : runs[selector.index];
  if (selector.taskId !== undefined) {
    const byId = new Map(runs.map((r) => [r.id, r]));
    const wanted = (selector.values as unknown[] | undefined)?.map(String);
    const candidates = runs.filter(
      (r) =>
        r.taskId === selector.taskId &&
        (selector.value === undefined || r.value === String(selector.value)) &&
        (wanted === undefined || JSON.stringify(valuesChain(r, byId)) === JSON.stringify(wanted)),
    );
    if (run === undefined) run = candidates[0];
    else if (run.taskId !== selector.taskId)
      return [`task run ${String(selector.index)} is ${run.taskId}, expected ${String(selector.taskId)}`];
  }
  const name = String(selector.taskId ?? `#${String(selector.index)}`);
  if (selector.absent === true) return run ? [`task run ${name} exists, expected none`] : [];
  if (!run) return [`no task run ${name}`];
  const problems: string[] = [];
  if (selector.state !== undefined && run.state.current !== selector.state) {
    problems.push(`${name} is ${run.state.current}, expected ${String(selector.state)}`);
  }
  if (selector.attempts !== undefined) {
    const count = run.attempts?.length ?? null;
    if (count !== selector.attempts)
      problems.push(`${name} has ${String(count)} attempts, expected ${String(selector.attempts)}`);
  }
  const expectedOutputs = (selector.outputs as Record<string, unknown> | undefined) ?? {};
  // `outputs: {notNull: true}` is a matcher on the outputs as a whole, not a key.
  if (Object.keys(expectedOutputs).length === 1 && expectedOutputs.notNull === true) {
    return run.outputs ? problems : [...problems, `${name} has no outputs`];
  }
  for (const [key, matcher] of Object.entries(expectedOutputs)) {
    const value = key
      .split(".")
      .reduce<unknown>(
        (v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined),
        run.outputs,
      );
    if (!matches(value, matcher))
      problems.push(`${name} output ${key} = ${printValue(value)}, expected ${printValue(matcher)}`);
  }
  return problems;
}

/** Iteration values of a task run and its valued ancestors, outermost first (findTaskRunByTaskIdAndValue). */
function valuesChain(run: TaskRun, byId: ReadonlyMap<string, TaskRun>): string[] {
  const values: string[] = [];
  for (
    let current: TaskRun | undefined = run;
    current;
    current = current.parentTaskRunId ? byId.get(current.parentTaskRunId) : undefined
  ) {
    if (current.value !== undefined) values.unshift(current.value);
  }
  return values;
}

/** `execution.outputs()` flattened to `taskId[.values...].key` → value. */
function flatOutputs(execution: Execution): Map<string, unknown> {
  const byId = new Map(execution.taskRunList.map((r) => [r.id, r]));
  const flat = new Map<string, unknown>();
  for (const run of execution.taskRunList) {
    if (!run.outputs) continue;
    const values = valuesChain(run, byId);
    for (const [key, value] of Object.entries(run.outputs)) flat.set([run.taskId, ...values, key].join("."), value);
  }
  return flat;
}

function matches(value: unknown, matcher: unknown): boolean {
  if (matcher !== null && typeof matcher === "object" && !Array.isArray(matcher)) {
    const m = matcher as Record<string, unknown>;
    const text = typeof value === "string" ? value : printValue(value);
    if ("contains" in m) return text.includes(String(m.contains));
    if ("startsWith" in m) return text.startsWith(String(m.startsWith));
    if ("endsWith" in m) return text.endsWith(String(m.endsWith));
    if ("regex" in m) return new RegExp(String(m.regex)).test(text);
    if ("notNull" in m) return value !== null && value !== undefined;
    if ("notEquals" in m) return !matches(value, m.notEquals);
    if ("oneOf" in m) return (m.oneOf as unknown[]).some((option) => matches(value, option));
    if ("hasKey" in m) return value !== null && typeof value === "object" && String(m.hasKey) in (value as object);
    if ("hasItems" in m) {
      return Array.isArray(value) && (m.hasItems as unknown[]).every((item) => value.some((v) => matches(v, item)));
    }
    if ("containsInAnyOrder" in m) {
      const wanted = m.containsInAnyOrder as unknown[];
      return (
        Array.isArray(value) &&
        value.length === wanted.length &&
        wanted.every((item) => value.some((v) => matches(v, item)))
      );
    }
  }
  const plain = toPlain(value);
  if (typeof matcher === "number" || typeof matcher === "boolean")
    return plain === matcher || String(plain) === String(matcher);
  if (typeof matcher === "string") return typeof plain === "string" ? plain === matcher : printValue(value) === matcher;
  return JSON.stringify(plain) === JSON.stringify(matcher);
}
