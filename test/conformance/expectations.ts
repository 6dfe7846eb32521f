/**
 * Checks of a Kestra case's expectations (`expect`, `expectBeforeAction`, `expectAfterAction`)
 * against executions from the local host. Every key the harness knows is listed in CHECKED;
 * a case that expects anything else is reported unsupported rather than passed unchecked.
 */

import { type Execution, isTerminated, type TaskRun } from "../../src/executor/model.js";
import type { LogLine } from "../../src/executor/protocol.js";
import { decrypt } from "../../src/expression/functions/support/encryption.js";
import { printValue, toPlain } from "../../src/expression/values.js";
import { TEST_ENCRYPTION_KEY } from "./test-types/encrypted.js";

/** Expectation keys this harness checks. */
export const CHECKED = new Set([
  "state",
  "taskRunCount",
  "taskRunCountAtLeast",
  "failedTaskRunCountAtLeast",
  "taskRuns",
  "outputs",
  "flowOutputs",
  "flowOutputsSize",
  "labels",
  "logCountAtLevelInfoOrAbove",
  "logs",
  "childExecutions",
  "parentId",
  "sameExecutionId",
  "allTaskRunsState",
  "stateHistoryLength",
  "countInState",
  "namespace",
  "flowId",
  "httpStatus",
  "statePausedAfter100ms",
  "stateSequenceContains",
  "stateHistoryPrefix",
  "killEventEmitted",
  "resumeError",
  "restartError",
  "replayError",
  "resumeAgainError",
  "fileContents",
  "scheduleDate",
  "fileLineCounts",
  "cacheFileExists",
  "relations",
  "terminalStatesOfSameFlow",
]);

const TASK_RUN_KEYS = new Set([
  "index",
  "taskId",
  "value",
  "values",
  "absent",
  "state",
  "attempts",
  "attemptsAtLeast",
  "attemptStates",
  "historyCounts",
  "historyLength",
  "outputs",
  "outputsKeys",
  "sameTaskRunId",
  "count",
  "outputsSize",
]);

/** Expectation keys (and task-run selector keys) of a case that the harness does not check. */
export function uncheckedKeys(expectations: readonly unknown[]): string[] {
  const keys = new Set<string>();
  for (const expectation of expectations) {
    if (expectation === null || typeof expectation !== "object") continue;
    for (const [key, value] of Object.entries(expectation)) {
      if (!CHECKED.has(key)) keys.add(key);
      if (key === "taskRuns" && Array.isArray(value)) {
        for (const selector of value)
          for (const k of Object.keys(selector as object)) if (!TASK_RUN_KEYS.has(k)) keys.add(`taskRuns.${k}`);
      }
    }
  }
  return [...keys];
}

/** What the checks need to know besides the execution itself. */
export interface CheckContext {
  readonly logs?: readonly LogLine[];
  /** Every execution the host holds (children of subflows). */
  readonly executions?: readonly Execution[];
  /** The execution before the action, for `sameExecutionId`, `parentId` and `sameTaskRunId`. */
  readonly original?: Execution;
  /** Internal-storage files (URI → text), for `fileContents`. */
  readonly files?: ReadonlyMap<string, string>;
  /** What the action answered: HTTP status, errors... keyed like the expectations. */
  readonly action?: Readonly<Record<string, unknown>>;
}

export function checkExpectations(
  expect: Record<string, unknown>,
  execution: Execution,
  context: CheckContext = {},
): string[] {
  const problems: string[] = [];
  const runs = execution.taskRunList;
  const placeholders = placeholderValues(execution, context);
  if (expect.state !== undefined && execution.state.current !== expect.state) {
    problems.push(`state ${execution.state.current}, expected ${String(expect.state)}`);
  }
  if (expect.taskRunCount !== undefined && runs.length !== expect.taskRunCount) {
    problems.push(`${runs.length} task runs, expected ${String(expect.taskRunCount)}`);
  }
  if (typeof expect.taskRunCountAtLeast === "number" && runs.length < expect.taskRunCountAtLeast) {
    problems.push(`${runs.length} task runs, expected at least ${expect.taskRunCountAtLeast}`);
  }
  if (typeof expect.failedTaskRunCountAtLeast === "number") {
    const failed = runs.filter((r) => r.state.current === "FAILED").length;
    if (failed < expect.failedTaskRunCountAtLeast)
      problems.push(`${failed} failed task runs, expected at least ${expect.failedTaskRunCountAtLeast}`);
  }
  if (expect.allTaskRunsState !== undefined) {
    const other = runs.filter((r) => r.state.current !== expect.allTaskRunsState);
    if (other.length > 0)
      problems.push(
        `task runs not ${String(expect.allTaskRunsState)}: ${other.map((r) => `${r.taskId}:${r.state.current}`).join(", ")}`,
      );
  }
  if (expect.stateHistoryLength !== undefined && execution.state.histories.length !== expect.stateHistoryLength) {
    problems.push(
      `state history ${execution.state.histories.map((h) => h.state).join(">")}, expected ${String(expect.stateHistoryLength)} entries`,
    );
  }
  for (const [state, bound] of Object.entries((expect.countInState as Record<string, { gt: number }>) ?? {})) {
    const count = runs.filter((r) => r.state.current === state).length;
    if (!(count > bound.gt)) problems.push(`${count} task runs ${state}, expected more than ${bound.gt}`);
  }
  for (const key of ["namespace", "flowId"] as const) {
    if (expect[key] !== undefined && execution[key] !== expect[key])
      problems.push(`${key} ${execution[key]}, expected ${String(expect[key])}`);
  }
  if (expect.sameExecutionId !== undefined && context.original) {
    const same = execution.id === context.original.id;
    if (same !== expect.sameExecutionId)
      problems.push(`same execution id is ${same}, expected ${String(expect.sameExecutionId)}`);
  }
  if ("parentId" in expect) {
    const wanted = expect.parentId === null ? undefined : placeholders(String(expect.parentId));
    if (execution.parentId !== wanted)
      problems.push(`parentId ${String(execution.parentId)}, expected ${String(wanted)}`);
  }
  for (const selector of (expect.taskRuns as Record<string, unknown>[] | undefined) ?? []) {
    problems.push(...checkTaskRun(selector, execution, context.original, placeholders));
  }
  const flowOutputs = expect.flowOutputs as Record<string, unknown> | null | undefined;
  if (flowOutputs === null && execution.outputs)
    problems.push(`flow outputs ${printValue(execution.outputs)}, expected none`);
  for (const [key, matcher] of Object.entries(flowOutputs ?? {})) {
    const value = execution.outputs?.[key];
    if (!matches(value, matcher))
      problems.push(`flow output ${key} = ${printValue(value)}, expected ${printValue(matcher)}`);
  }
  if (typeof expect.flowOutputsSize === "number") {
    const size = Object.keys(execution.outputs ?? {}).length;
    if (size !== expect.flowOutputsSize) problems.push(`${size} flow outputs, expected ${expect.flowOutputsSize}`);
  }
  if (typeof expect.logCountAtLevelInfoOrAbove === "number") {
    const count = (context.logs ?? []).filter(
      (l) => l.taskId !== undefined && ["INFO", "WARN", "ERROR"].includes(l.level),
    ).length;
    if (count !== expect.logCountAtLevelInfoOrAbove)
      problems.push(`${count} task log lines at INFO or above, expected ${expect.logCountAtLevelInfoOrAbove}`);
  }
  problems.push(...checkLabels(expect.labels as Record<string, unknown[]> | undefined, execution, placeholders));
  const outputs = expect.outputs as Record<string, unknown> | undefined;
  if (outputs) {
    const flat = flatOutputs(execution);
    for (const [key, raw] of Object.entries(outputs)) {
      const matcher = typeof raw === "string" ? placeholders(raw) : raw;
      const value = lookupOutput(flat, key);
      if (!matches(value, matcher))
        problems.push(`output ${key} = ${printValue(value)}, expected ${printValue(matcher)}`);
    }
  }
  if (expect.logs !== undefined)
    problems.push(...checkLogs(expect.logs as Record<string, unknown>[], execution, context.logs ?? []));
  if (expect.childExecutions !== undefined) {
    problems.push(
      ...checkChildren(expect.childExecutions as Record<string, unknown>[], execution, context, placeholders),
    );
  }
  if (expect.statePausedAfter100ms === false && execution.state.current === "PAUSED") problems.push("still PAUSED");
  const sequence = execution.state.histories.map((h) => h.state as string);
  const prefix = expect.stateHistoryPrefix as string[] | undefined;
  if (prefix && JSON.stringify(sequence.slice(0, prefix.length)) !== JSON.stringify(prefix))
    problems.push(`state history ${sequence.join(">")}, expected it to start ${prefix.join(">")}`);
  for (const state of (expect.stateSequenceContains as string[] | undefined) ?? []) {
    if (!sequence.includes(state)) problems.push(`state sequence ${sequence.join(">")} lacks ${state}`);
  }
  for (const [ref, raw] of Object.entries((expect.fileContents as Record<string, unknown>) ?? {})) {
    const uri = reference(ref, execution);
    const content = typeof uri === "string" ? context.files?.get(uri) : undefined;
    const wanted = typeof raw === "string" ? placeholders(raw) : raw;
    if (content === undefined) problems.push(`no file at ${ref} (${printValue(uri)})`);
    else if (!matches(content.trimEnd(), wanted))
      problems.push(`file ${ref} holds ${printValue(content)}, expected ${printValue(wanted)}`);
  }
  if (expect.terminalStatesOfSameFlow !== undefined) {
    // Every execution of this flow the host holds (retries as new executions), in a terminal state.
    const states = (context.executions ?? [])
      .filter((e) => e.namespace === execution.namespace && e.flowId === execution.flowId)
      .map((e) => e.state.current)
      .filter((state) => isTerminated(state));
    if (!matches(states, expect.terminalStatesOfSameFlow))
      problems.push(
        `terminal states of the flow's executions ${printValue(states)}, expected ${printValue(expect.terminalStatesOfSameFlow)}`,
      );
  }
  for (const [ref, count] of Object.entries((expect.fileLineCounts as Record<string, number>) ?? {})) {
    const uri = reference(ref, execution);
    const content = typeof uri === "string" ? context.files?.get(uri) : undefined;
    const lines = content?.split("\n").filter((line) => line !== "").length;
    if (lines !== count) problems.push(`file ${ref} has ${String(lines)} lines, expected ${count}`);
  }
  for (const relation of (expect.relations as string[] | undefined) ?? []) {
    const problem = checkRelation(relation, execution);
    if (problem) problems.push(problem);
  }
  if (expect.cacheFileExists !== undefined) {
    const exists = [...(context.files?.keys() ?? [])].some((uri) => uri.includes("/cache/"));
    if (exists !== expect.cacheFileExists)
      problems.push(`a cache file exists: ${exists}, expected ${String(expect.cacheFileExists)}`);
  }
  if (expect.scheduleDate !== undefined) {
    const wanted = expect.scheduleDate === "<as given>" ? context.action?.scheduleDate : expect.scheduleDate;
    if (execution.scheduleDate !== wanted)
      problems.push(`scheduleDate ${String(execution.scheduleDate)}, expected ${String(wanted)}`);
  }
  for (const key of ["httpStatus", "killEventEmitted"]) {
    if (expect[key] !== undefined && context.action?.[key] !== expect[key])
      problems.push(`${key} ${String(context.action?.[key])}, expected ${String(expect[key])}`);
  }
  return problems;
}

/** `<execution id>`, `<original execution id>`, `<parent execution id>`, `<root execution id>`, `<task run id of X>`. */
function placeholderValues(execution: Execution, context: CheckContext): (value: string) => string {
  return (value) => {
    if (value === "<execution id>" || value === "<parent execution id>" || value === "<root execution id>")
      return execution.id;
    if (value === "<original execution id>") return context.original?.id ?? value;
    if (value === "<the execution id>") return execution.id;
    if (value === "<child execution id>") {
      const child = context.executions?.find((e) => e.trigger?.variables?.executionId === execution.id);
      return child?.id ?? value;
    }
    if (value === "<parent flow id>") return execution.flowId;
    const taskId = /^<task run id of (.+)>$/.exec(value)?.[1];
    return taskId === undefined ? value : (execution.taskRunList.find((r) => r.taskId === taskId)?.id ?? value);
  };
}

/** A matcher with its placeholders replaced: a string, or the strings of a matcher map (`{contains: "<execution id>"}`). */
function withPlaceholders(raw: unknown, placeholder: (value: string) => string): unknown {
  if (typeof raw === "string") return placeholder(raw);
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return raw;
  return Object.fromEntries(
    Object.entries(raw).map(([key, value]) => [key, typeof value === "string" ? placeholder(value) : value]),
  );
}

/** `labels: {contains: [...]}` or `{exactlyInAnyOrder: [...]}`. */
function checkLabels(
  expected: Record<string, unknown[]> | undefined,
  execution: Execution,
  placeholder: (value: string) => string,
): string[] {
  if (!expected) return [];
  const actual = execution.labels.map(({ key, value }) => `${key}=${value}`);
  const wanted = (expected.contains ?? expected.exactlyInAnyOrder ?? []).map((label) => {
    const { key, value } = label as { key: string; value: unknown };
    return `${key}=${placeholder(String(value))}`;
  });
  const missing = wanted.filter((label) => !actual.includes(label));
  const extra = expected.exactlyInAnyOrder ? actual.filter((label) => !wanted.includes(label)) : [];
  if (missing.length === 0 && extra.length === 0) return [];
  return [`labels [${actual.join(", ")}], missing [${missing.join(", ")}], unexpected [${extra.join(", ")}]`];
}

/** `logs: [{taskId?, taskRunIndex?, level?, message: matcher, absent?, count?}]`. */
function checkLogs(expected: Record<string, unknown>[], execution: Execution, logs: readonly LogLine[]): string[] {
  const problems: string[] = [];
  for (const wanted of expected) {
    const runId = typeof wanted.taskRunIndex === "number" ? execution.taskRunList[wanted.taskRunIndex]?.id : undefined;
    const found = logs.filter(
      (line) =>
        (wanted.taskId === undefined || line.taskId === wanted.taskId) &&
        (runId === undefined || line.taskRunId === runId) &&
        (wanted.level === undefined || line.level === wanted.level) &&
        (wanted.message === undefined || matches(line.message, wanted.message)),
    );
    const what = `log ${printValue(wanted)}`;
    if (wanted.absent === true) {
      if (found.length > 0) problems.push(`${what} found, expected none`);
    } else if (typeof wanted.count === "number") {
      if (found.length !== wanted.count) problems.push(`${what} found ${found.length} times, expected ${wanted.count}`);
    } else if (found.length === 0) problems.push(`${what} not found`);
  }
  return problems;
}

/** `childExecutions: [{flowId, state, taskRunCount, labelCount, labels, triggerType, triggerVariables}]`. */
function checkChildren(
  expected: Record<string, unknown>[],
  parent: Execution,
  context: CheckContext,
  placeholder: (value: string) => string,
): string[] {
  const problems: string[] = [];
  const children = (context.executions ?? []).filter((e) => e.id !== parent.id);
  const used = new Set<string>();
  for (const wanted of expected) {
    const matching = children.filter((e) => e.flowId === wanted.flowId && !used.has(e.id));
    // `count: n` describes n children alike; otherwise the entry describes one.
    const selected = typeof wanted.count === "number" ? matching : matching.slice(0, 1);
    if (typeof wanted.count === "number" && matching.length !== wanted.count) {
      problems.push(`${matching.length} child executions of ${String(wanted.flowId)}, expected ${wanted.count}`);
    }
    if (selected.length === 0) {
      problems.push(`no child execution of ${String(wanted.flowId)}`);
      continue;
    }
    for (const child of selected) {
      used.add(child.id);
      problems.push(...checkChild(wanted, child, placeholder));
    }
  }
  return [...new Set(problems)];
}

function checkChild(
  wanted: Record<string, unknown>,
  child: Execution,
  placeholder: (value: string) => string,
): string[] {
  const problems: string[] = [];
  {
    const name = `child ${child.flowId}`;
    for (const problem of checkExpectations(
      {
        ...(wanted.state ? { state: wanted.state } : {}),
        ...(wanted.taskRunCount ? { taskRunCount: wanted.taskRunCount } : {}),
      },
      child,
    ))
      problems.push(`${name}: ${problem}`);
    if (typeof wanted.labelCount === "number" && child.labels.length !== wanted.labelCount) {
      problems.push(`${name} has ${child.labels.length} labels, expected ${wanted.labelCount}`);
    }
    for (const label of (wanted.labels as { key: string; value: string }[] | undefined) ?? []) {
      const value = placeholder(label.value);
      if (!child.labels.some((l) => l.key === label.key && l.value === value))
        problems.push(
          `${name} lacks label ${label.key}=${value} (has ${child.labels.map((l) => `${l.key}=${l.value}`).join(", ")})`,
        );
    }
    if (wanted.triggerType !== undefined && child.trigger?.type !== wanted.triggerType) {
      problems.push(`${name} trigger ${String(child.trigger?.type)}, expected ${String(wanted.triggerType)}`);
    }
    for (const [key, value] of Object.entries((wanted.triggerVariables as Record<string, unknown>) ?? {})) {
      const actual = child.trigger?.variables?.[key];
      const expectedValue = typeof value === "string" ? placeholder(value) : value;
      if (actual !== expectedValue)
        problems.push(`${name} trigger.${key} = ${printValue(actual)}, expected ${printValue(expectedValue)}`);
    }
    for (const [key, matcher] of Object.entries((wanted.inputs as Record<string, unknown>) ?? {})) {
      if (!matches(child.inputs[key], matcher))
        problems.push(`${name} input ${key} = ${printValue(child.inputs[key])}, expected ${printValue(matcher)}`);
    }
  }
  return problems;
}

/** Selects a task run by `index` (-1 = last) and/or `taskId`, `value`, `values`. */
export function selectTaskRun(selector: Record<string, unknown>, execution: Execution): TaskRun | undefined | string {
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
      return `task run ${String(selector.index)} is ${run.taskId}, expected ${String(selector.taskId)}`;
  }
  return run;
}

function checkTaskRun(
  selector: Record<string, unknown>,
  execution: Execution,
  original: Execution | undefined,
  placeholder: (value: string) => string,
): string[] {
  const selected = selectTaskRun(selector, execution);
  if (typeof selected === "string") return [selected];
  const run = selected;
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
  if (typeof selector.attemptsAtLeast === "number" && (run.attempts?.length ?? 0) < selector.attemptsAtLeast) {
    problems.push(`${name} has ${run.attempts?.length ?? 0} attempts, expected at least ${selector.attemptsAtLeast}`);
  }
  if (Array.isArray(selector.attemptStates)) {
    const states = (run.attempts ?? []).map((a) => a.state.current);
    if (JSON.stringify(states) !== JSON.stringify(selector.attemptStates))
      problems.push(`${name} attempt states ${states.join(",")}, expected ${selector.attemptStates.join(",")}`);
  }
  for (const [key, size] of Object.entries((selector.outputsSize as Record<string, number>) ?? {})) {
    const value = dig(run.outputs, key.split("."));
    const actual = value && typeof value === "object" ? Object.keys(value).length : undefined;
    if (actual !== size) problems.push(`${name} output ${key} has ${String(actual)} entries, expected ${size}`);
  }
  if (typeof selector.count === "number") {
    const count = execution.taskRunList.filter((r) => r.taskId === selector.taskId).length;
    if (count !== selector.count) problems.push(`${count} task runs of ${name}, expected ${selector.count}`);
  }
  if (typeof selector.historyLength === "number" && run.state.histories.length !== selector.historyLength) {
    problems.push(
      `${name} history ${run.state.histories.map((h) => h.state).join(">")}, expected ${selector.historyLength} entries`,
    );
  }
  for (const [state, count] of Object.entries((selector.historyCounts as Record<string, number>) ?? {})) {
    const actual = run.state.histories.filter((h) => h.state === state).length;
    if (actual !== count) problems.push(`${name} went ${actual} times through ${state}, expected ${count}`);
  }
  if (selector.sameTaskRunId !== undefined && original && typeof selector.index === "number") {
    const before = original.taskRunList.at(selector.index);
    const same = before?.id === run.id;
    if (same !== selector.sameTaskRunId)
      problems.push(`${name} same task run id is ${same}, expected ${String(selector.sameTaskRunId)}`);
  }
  if (Array.isArray(selector.outputsKeys)) {
    const keys = Object.keys(run.outputs ?? {});
    for (const key of selector.outputsKeys)
      if (!keys.includes(String(key))) problems.push(`${name} lacks output ${String(key)}`);
  }
  const expectedOutputs = (selector.outputs as Record<string, unknown> | undefined) ?? {};
  // `outputs: {notNull: true}` is a matcher on the outputs as a whole, not a key.
  if (Object.keys(expectedOutputs).length === 1 && expectedOutputs.notNull === true) {
    return run.outputs ? problems : [...problems, `${name} has no outputs`];
  }
  for (const [key, raw] of Object.entries(expectedOutputs)) {
    const matcher = withPlaceholders(raw, placeholder);
    const value = dig(run.outputs, key.split("."));
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

/**
 * A relation between outputs, as the cases write them:
 * `outputs of A[values=s1,'a a'].value contains outputs of B[values=s1].value` or
 * `... contains 'get ' + B[values=...].value` (the `value` output when none is named).
 */
function checkRelation(relation: string, execution: Execution): string | undefined {
  const match = /^outputs of (.+?) contains (.+)$/.exec(relation);
  if (!match) return `relation not understood: ${relation}`;
  const left = outputOf(match[1] as string, execution);
  const right = (match[2] as string).split(/\s*\+\s*/).map((part) => {
    const literal = /^'(.*)'$/.exec(part);
    if (literal) return literal[1] as string;
    return outputOf(part.replace(/^outputs of /, ""), execution);
  });
  if (left === undefined || right.some((part) => part === undefined))
    return `relation ${relation}: an output is missing`;
  const wanted = right.join("");
  return String(left).includes(wanted) ? undefined : `relation ${relation}: "${String(left)}" lacks "${wanted}"`;
}

/** `task[values=a,'b c'].key` → that task run's output (`value` by default). */
function outputOf(ref: string, execution: Execution): string | undefined {
  const match = /^([^[.]+)(?:\[values=(.*)\])?(?:\.(\w+))?$/.exec(ref.trim());
  if (!match) return undefined;
  const [, taskId, values, key = "value"] = match;
  const wanted =
    values === undefined ? undefined : (values.match(/'[^']*'|[^,]+/g) ?? []).map((v) => v.replace(/^'|'$/g, ""));
  const selected = selectTaskRun({ taskId, ...(wanted ? { values: wanted } : {}) }, execution);
  if (typeof selected !== "object") return undefined;
  const value = selected.outputs?.[key as string];
  return value === undefined ? undefined : String(value);
}

/** Follows a dotted path where keys may hold dots themselves (`uris.input.txt`): the longest key that exists wins. */
function dig(value: unknown, parts: readonly string[]): unknown {
  if (parts.length === 0) return value;
  if (!value || typeof value !== "object") return undefined;
  for (let i = parts.length; i > 0; i--) {
    const key = parts.slice(0, i).join(".");
    if (key in value) return dig((value as Record<string, unknown>)[key], parts.slice(i));
  }
  return undefined;
}

/**
 * A value named the way the cases name files: `taskRuns[1].outputs.uris['input.txt']`,
 * `outputs.last.values.data` (task outputs by task id), `first value of <reference>`.
 */
function reference(ref: string, execution: Execution): unknown {
  const first = /^first value of (.+)$/.exec(ref);
  if (first) {
    const map = reference(first[1] as string, execution);
    return map && typeof map === "object" ? Object.values(map)[0] : undefined;
  }
  const segments: (string | number)[] = [];
  for (const match of ref.matchAll(/([^.[\]]+)|\[(\d+)\]|\['([^']*)'\]/g)) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(match[3] as string);
  }
  const [root, ...rest] = segments;
  let value: unknown;
  if (root === "taskRuns") value = execution.taskRunList;
  else if (root === "outputs")
    value = Object.fromEntries(execution.taskRunList.map((run) => [run.taskId, run.outputs]));
  else return undefined;
  for (const segment of rest) {
    value = value && typeof value === "object" ? (value as Record<string | number, unknown>)[segment] : undefined;
  }
  return value;
}

/** `task[.values...].key[.nested...]`: the longest flat key that matches, then into its value. */
function lookupOutput(flat: ReadonlyMap<string, unknown>, key: string): unknown {
  const parts = key.split(".");
  for (let i = parts.length; i > 0; i--) {
    const prefix = parts.slice(0, i).join(".");
    if (!flat.has(prefix)) continue;
    return parts
      .slice(i)
      .reduce<unknown>(
        (v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined),
        flat.get(prefix),
      );
  }
  return undefined;
}

export function matches(value: unknown, matcher: unknown): boolean {
  // null stands for "null or absent", as Java's map.get gives null for both.
  if (matcher === null) return value === null || value === undefined;
  if (matcher !== null && typeof matcher === "object" && !Array.isArray(matcher)) {
    const m = matcher as Record<string, unknown>;
    const keys = Object.keys(m);
    // A matcher holds when every one of its keys holds; a key the harness does not know fails it.
    if (keys.some((key) => Object.hasOwn(MATCHERS, key)))
      return keys.every((key) => Object.hasOwn(MATCHERS, key) && (MATCHERS[key]?.(value, m[key]) ?? false));
  }
  const plain = toPlain(value);
  if (typeof matcher === "number" || typeof matcher === "boolean")
    return plain === matcher || String(plain) === String(matcher);
  if (typeof matcher === "string") return typeof plain === "string" ? plain === matcher : printValue(value) === matcher;
  return JSON.stringify(plain) === JSON.stringify(matcher);
}

const textOf = (value: unknown): string => (typeof value === "string" ? value : printValue(value));

/** Object matchers by key: `{contains: ...}`, `{startsWith: ..., containsAll: [...]}`... */
const MATCHERS: Readonly<Record<string, (value: unknown, expected: unknown) => boolean>> = {
  contains: (value, expected) => textOf(value).includes(String(expected)),
  containsAll: (value, expected) =>
    Array.isArray(expected) && expected.every((part) => textOf(value).includes(String(part))),
  startsWith: (value, expected) => textOf(value).startsWith(String(expected)),
  endsWith: (value, expected) => textOf(value).endsWith(String(expected)),
  regex: (value, expected) => new RegExp(String(expected)).test(textOf(value)),
  notNull: (value) => value !== null && value !== undefined,
  notEquals: (value, expected) => !matches(value, expected),
  oneOf: (value, expected) => Array.isArray(expected) && expected.some((option) => matches(value, option)),
  hasKey: (value, expected) => value !== null && typeof value === "object" && String(expected) in value,
  hasItems: (value, expected) =>
    Array.isArray(value) && Array.isArray(expected) && expected.every((item) => value.some((v) => matches(v, item))),
  containsInAnyOrder: (value, expected) =>
    Array.isArray(value) &&
    Array.isArray(expected) &&
    value.length === expected.length &&
    expected.every((item) => value.some((v) => matches(v, item))),
  // An encrypted string that the key of the harness's configuration (Kestra's test one) decrypts to the text.
  decryptsTo: (value, expected) => {
    try {
      return typeof value === "string" && decrypt(TEST_ENCRYPTION_KEY, value) === String(expected);
    } catch {
      return false;
    }
  },
};
