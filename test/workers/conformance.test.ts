/**
 * Kestra's execution cases through the Worker API, inside workerd with the real bindings: the
 * set named in test/conformance/worker-cases.ts. Each case's flows are deployed with
 * `POST /flows`, its execution is created with `POST /executions/{namespace}/{id}` (multipart
 * inputs), its action is carried out through the API (kill, resume, restart, replay, mark-as,
 * change-status), and its expectations are checked by the Node harness's own checker on the
 * execution from `GET /executions/{id}` and its logs from `GET /logs/{id}`. Timers (retries,
 * Sleep, timeouts, scheduleDate) fire through runDurableObjectAlarm, never by sleeping.
 */
import { env, runDurableObjectAlarm, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { type Execution, isTerminated } from "../../src/executor/model.js";
import type { LogLine } from "../../src/executor/protocol.js";
import { printValue } from "../../src/expression/values.js";
import { type CheckContext, checkExpectations, selectTaskRun, uncheckedKeys } from "../conformance/expectations.js";
import { WORKER_BUGS, WORKER_CASES, type WorkerCase, type WorkerCaseFiles } from "../conformance/worker-cases.js";

const API = "http://tern.test/api/v1/main";

/**
 * The cases' YAML, a binding vitest.config.ts adds for the tests (declared here, not on
 * Cloudflare.Env: a binding the Worker lacks would no longer match the ExecutionObject's Env).
 */
const { KESTRA_CASES } = env as unknown as { KESTRA_CASES: WorkerCaseFiles };

/** The part of a case file (../shared/kestra/README.md) this test reads. */
interface KestraCase {
  readonly id: string;
  readonly flow: string | null;
  readonly inlineFlow?: Record<string, unknown>;
  readonly load?: readonly string[];
  readonly inputs?: Record<string, unknown>;
  readonly inputsMode?: "raw" | "validated" | "api";
  readonly labels?: readonly { readonly key: string; readonly value: string }[];
  readonly action: string;
  readonly setup?: Record<string, unknown>;
  readonly actionParams?: Record<string, unknown>;
  readonly expectBeforeAction?: Record<string, unknown>;
  readonly expectAfterAction?: Record<string, unknown> | Record<string, unknown>[];
  readonly expect?: Record<string, unknown>;
}

interface Answer {
  readonly status: number;
  readonly text: string;
}

async function call(method: string, path: string, body?: BodyInit, type?: string): Promise<Answer> {
  const response = await SELF.fetch(`${API}${path}`, {
    method,
    ...(body === undefined ? {} : { body }),
    ...(type === undefined ? {} : { headers: { "content-type": type } }),
  });
  return { status: response.status, text: await response.text() };
}

/** The JSON of a 200 answer; any other answer throws with the message the API gave. */
function json<T>(answer: Answer, what: string): T {
  if (answer.status !== 200) throw new Error(`${what} answered ${answer.status}: ${messageOf(answer)}`);
  return JSON.parse(answer.text) as T;
}

function messageOf(answer: Answer): string {
  try {
    const { message } = JSON.parse(answer.text) as { message?: unknown };
    return typeof message === "string" ? message : answer.text;
  } catch {
    return answer.text;
  }
}

/** Deploys a flow: created, or updated when a flow of that id exists (cases share flows). */
async function deploy(source: string): Promise<{ namespace: string; id: string }> {
  const { namespace, id } = parse(source) as { namespace: string; id: string };
  let answer = await call("POST", "/flows", source, "application/x-yaml");
  if (answer.status === 422 && answer.text.includes("already exists"))
    answer = await call("PUT", `/flows/${namespace}/${id}`, source, "application/x-yaml");
  json(answer, `deploying ${namespace}.${id}`);
  return { namespace, id };
}

const getExecution = async (id: string): Promise<Execution> =>
  json<Execution>(await call("GET", `/executions/${id}`), `GET /executions/${id}`);
const getLogs = async (id: string): Promise<LogLine[]> =>
  json<LogLine[]>(await call("GET", `/logs/${id}`), `GET /logs/${id}`);

/** The most alarms one execution may need (retries, pauses, sleeps) before the test calls it stuck. */
const MAX_ALARMS = 50;

/**
 * Lets the execution's object run until it ends or waits for someone: while it is not
 * terminated and its alarm is armed, the alarm fires now (retries, Sleep, timeouts, Pause
 * delays, scheduleDate). An alarm that went off by itself meanwhile shows as a change.
 */
async function drive(id: string): Promise<void> {
  const stub = env.EXECUTIONS.get(env.EXECUTIONS.idFromName(id));
  const settled = async () => JSON.stringify(await stub.settled());
  for (let fired = 0; fired < MAX_ALARMS; fired++) {
    const before = await settled();
    if (isTerminated((JSON.parse(before) as Execution).state.current)) return;
    if (await runDurableObjectAlarm(stub)) continue;
    if ((await settled()) === before) return;
  }
  throw new Error(`execution ${id} is still going after ${MAX_ALARMS} alarms`);
}

/**
 * A file a case describes: `<FILE: N lines; line i (0..M) = str(i) left-padded with spaces to
 * width W>`, a named one (`<FILE: hello.txt>`, `<multipart file part: application-test.yml>`),
 * as test/conformance/cases.ts makes them.
 */
function describedFile(value: string, input: string): File | undefined {
  const description = /^<(?:FILE|multipart file part): (.+)>$/.exec(value)?.[1];
  if (description === undefined) return undefined;
  const lines = /^(\d+) lines; line i \(0\.\.\d+\) = str\(i\) left-padded with spaces to width (\d+)/.exec(description);
  if (lines) {
    const [count, width] = [Number(lines[1]), Number(lines[2])];
    return new File(
      [Array.from({ length: count }, (_, i) => `${String(i).padStart(width)}\n`).join("")],
      `${input}.txt`,
    );
  }
  const name = /[\w.-]+\.\w+/.exec(description)?.[0] ?? `${input}.txt`;
  return new File([`content of ${name}`], name);
}

/** Inputs as multipart parts: files as described, scalars as text, lists and maps as JSON. */
function form(inputs: Record<string, unknown>, file: (value: string, name: string) => File | undefined): FormData {
  const parts = new FormData();
  for (const [name, value] of Object.entries(inputs)) {
    if (value === null || value === undefined) continue;
    const described = typeof value === "string" ? file(value, name) : undefined;
    if (described) parts.append(name, described);
    else parts.append(name, typeof value === "object" ? JSON.stringify(value) : String(value));
  }
  return parts;
}

/**
 * Whether the case expects this action refused (`resumeError: {messageContains}`...): then the
 * refusal is checked, and the case ends there.
 */
function refusal(key: string, answer: Answer, run: Run): boolean {
  const wanted = run.expected[key] as
    | { messageContains?: string; bodyContains?: string | string[]; httpStatus?: number }
    | undefined;
  if (wanted === undefined) return false;
  if (answer.status < 400) run.problems.push(`${key}: the action was accepted (${answer.status}), expected a refusal`);
  if (wanted.httpStatus !== undefined && answer.status !== wanted.httpStatus)
    run.problems.push(`${key}: HTTP ${answer.status}, expected ${wanted.httpStatus}`);
  for (const text of [wanted.messageContains ?? wanted.bodyContains ?? []].flat())
    if (!answer.text.includes(text)) run.problems.push(`${key}: "${answer.text}" lacks "${text}"`);
  return true;
}

function loadCase(entry: WorkerCase): KestraCase {
  const text = KESTRA_CASES.cases[entry.id];
  if (text === undefined)
    throw new Error(
      `case ${entry.id} was not handed to workerd (KESTRA_CASES): is ../shared/kestra at ${KESTRA_CASES.dir}?`,
    );
  return parse(text) as KestraCase;
}

function flowSource(path: string): string {
  const source = KESTRA_CASES.flows[path];
  if (source === undefined) throw new Error(`flow ${path} was not handed to workerd (KESTRA_CASES)`);
  return source;
}

/** One case being run: what the actions share. */
interface Run {
  readonly params: Record<string, unknown>;
  readonly before: Record<string, unknown> | undefined;
  readonly expected: Record<string, unknown>;
  readonly after: readonly (Record<string, unknown> | undefined)[];
  readonly problems: string[];
  readonly scheduleDate: string | undefined;
  check(
    label: string,
    expected: Record<string, unknown> | undefined,
    execution: Execution,
    context?: CheckContext,
  ): void;
  /** Creates an execution of the case's flow, as the case's test did. */
  create(): Promise<Execution>;
}

function newRun(entry: WorkerCase, testCase: KestraCase, flow: { namespace: string; id: string }): Run {
  const params = testCase.actionParams ?? {};
  const problems: string[] = [];
  const scheduleDate =
    typeof params.scheduleDate === "string"
      ? new Date(Date.now() + secondsAhead(params.scheduleDate) * 1000).toISOString()
      : undefined;
  const create = async (): Promise<Execution> => {
    const query = new URLSearchParams();
    if (!entry.alarms) query.set("wait", "true");
    for (const label of testCase.labels ?? []) query.append("labels", `${label.key}:${label.value}`);
    if (scheduleDate) query.set("scheduleDate", scheduleDate);
    const body = form(testCase.inputs ?? {}, describedFile);
    const path = `/executions/${flow.namespace}/${flow.id}?${query}`;
    const created = json<Execution>(await call("POST", path, body), "creating the execution");
    // Kestra's test put these inputs on the execution unvalidated: through the API they are
    // validated, so such a case runs here only when validation keeps them as they are.
    if (testCase.inputsMode === "raw") {
      for (const [name, value] of Object.entries(testCase.inputs ?? {}))
        if (JSON.stringify(created.inputs[name]) !== JSON.stringify(value))
          problems.push(`raw input ${name} became ${printValue(created.inputs[name])} through the API`);
    }
    return created;
  };
  return {
    params,
    before: testCase.expectBeforeAction,
    expected: testCase.expect ?? {},
    after: [testCase.expectAfterAction].flat(),
    problems,
    scheduleDate,
    check(label, expected, execution, context = {}) {
      for (const problem of checkExpectations(expected ?? {}, execution, context))
        problems.push(label ? `${label}: ${problem}` : problem);
    },
    create,
  };
}

/** What an action leaves: the execution to check at the end and what the API answered; `done` when the case ended. */
type Acted = { readonly final: string; readonly answer?: Record<string, unknown> } | "done";

/** The actions of the cases, through the API; each starts from the execution as it ended or paused. */
const ACTIONS: Readonly<Record<string, (run: Run, original: Execution) => Promise<Acted>>> = {
  "run-then-kill": async (_run, original) => {
    const killed = await call("DELETE", `/executions/${original.id}/kill`);
    return { final: original.id, answer: { httpStatus: killed.status, killEventEmitted: killed.status === 202 } };
  },
  "run-then-resume": async (run, original) => {
    if (run.params.method === "markAs") {
      const target = original.taskRunList.find((r) => r.taskId === run.params.taskId);
      if (!target) return stop(run, `no task run ${String(run.params.taskId)} to mark`);
      const body = JSON.stringify({ taskRunId: target.id, state: run.params.state });
      const marked = await call("POST", `/executions/${original.id}/state`, body, "application/json");
      if (refusal("resumeError", marked, run)) return "done";
      run.check("after the action", run.after[0], json<Execution>(marked, "mark-as"), { original });
      return { final: original.id, answer: { httpStatus: marked.status } };
    }
    if (run.after[0] !== undefined) return stop(run, "expectAfterAction: the API answers a resume with 204, no body");
    // `<FILE ...>` in onResume inputs: a small file holding the execution id.
    const file = (value: string, name: string) =>
      value.startsWith("<FILE") ? new File([original.id], `${name}.txt`) : undefined;
    const inputs = form((run.params.inputs ?? {}) as Record<string, unknown>, file);
    const resumed = await call("POST", `/executions/${original.id}/resume`, inputs);
    if (refusal("resumeError", resumed, run)) return "done";
    if (resumed.status !== 204) return stop(run, `resume answered ${resumed.status}: ${messageOf(resumed)}`);
    return { final: original.id, answer: { httpStatus: resumed.status } };
  },
  "run-then-restart": async (run, original) => {
    const times = typeof run.params.times === "number" ? run.params.times : 1;
    let final = original.id;
    for (let i = 0; i < times; i++) {
      if (i > 0) await drive(final);
      const restarted = await call("POST", `/executions/${final}/restart`);
      if (refusal("restartError", restarted, run)) return "done";
      const execution = json<Execution>(restarted, "restart");
      if (i === 0) run.check("after the action", run.after[0], execution, { original });
      final = execution.id;
    }
    return { final };
  },
  "run-then-replay": async (run, original) => {
    let taskRunId: string | undefined;
    const selector = run.params.taskRunId;
    if (typeof selector === "string") taskRunId = selector;
    else if (selector !== null && typeof selector === "object") {
      const selected = selectTaskRun(selector as Record<string, unknown>, original);
      if (typeof selected !== "object") return stop(run, `no task run ${JSON.stringify(selector)} to replay from`);
      taskRunId = selected.id;
    }
    const query = taskRunId === undefined ? "" : `?taskRunId=${encodeURIComponent(taskRunId)}`;
    const replayed = await call("POST", `/executions/${original.id}/replay${query}`);
    if (refusal("replayError", replayed, run)) return "done";
    const execution = json<Execution>(replayed, "replay");
    run.check("after the action", run.after[0], execution, { original });
    return { final: execution.id };
  },
  "run-then-mark-as": async (run, original) => {
    // Kestra applies each step to the original execution: here each step marks a fresh one.
    const steps = (run.params.steps as Record<string, unknown>[] | undefined) ?? [];
    let final = original.id;
    for (const [i, step] of steps.entries()) {
      const execution = i === 0 ? original : await getExecution(await fresh(run));
      if (i > 0) run.check(`before step ${i + 1}`, run.before, execution);
      const target = selectTaskRun(step, execution);
      if (typeof target !== "object") return stop(run, `no task run ${JSON.stringify(step)} to mark`);
      const body = JSON.stringify({ taskRunId: target.id, state: step.state });
      const marked = await call("POST", `/executions/${execution.id}/state`, body, "application/json");
      run.check(`after step ${i + 1}`, run.after[i], json<Execution>(marked, "mark-as"), { original: execution });
      if (i < steps.length - 1) await drive(execution.id);
      final = execution.id;
    }
    return { final };
  },
  "run-then-change-status": async (run, original) => {
    const status = /status=([A-Z_]+)/.exec(String(run.params.api))?.[1];
    if (!status) return stop(run, `no status in ${String(run.params.api)}`);
    json(await call("POST", `/executions/${original.id}/change-status?status=${status}`), "change-status");
    return { final: original.id };
  },
};

function stop(run: Run, problem: string): "done" {
  run.problems.push(problem);
  return "done";
}

/** A new execution of the case's flow, run until it ends or pauses. */
async function fresh(run: Run): Promise<string> {
  const { id } = await run.create();
  await drive(id);
  return id;
}

/** The KV entries a case seeds (`setup.kv: [{namespace, key, value}]`), through Kestra's KV API. */
async function seedKv(testCase: KestraCase): Promise<void> {
  const entries = (testCase.setup?.kv as { namespace: string; key: string; value: unknown }[] | undefined) ?? [];
  for (const { namespace, key, value } of entries) {
    const response = await SELF.fetch(`${API}/namespaces/${namespace}/kv/${key}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(value),
    });
    expect(response.status, await response.clone().text()).toBeLessThan(300);
  }
}

/** Runs one case through the API; the problems found, none when it passes. */
async function runCase(entry: WorkerCase): Promise<string[]> {
  const testCase = loadCase(entry);
  const concurrently = testCase.action === "run-concurrently";
  // run-concurrently expects per execution: {first: {...}, second: {...}}.
  const expectations = concurrently ? Object.values(testCase.expect ?? {}) : [testCase.expect];
  const unchecked = uncheckedKeys([...expectations, testCase.expectBeforeAction, testCase.expectAfterAction].flat());
  if (unchecked.length > 0) return [`the checker does not check ${unchecked.join(", ")}`];
  const act = ACTIONS[testCase.action];
  if (testCase.action !== "run" && !concurrently && !act)
    return [`action ${testCase.action} is not carried out by this test`];
  const setup = Object.keys(testCase.setup ?? {}).filter((key) => key !== "kv");
  if (setup.length > 0) return [`setup ${setup.join(", ")} is not carried out by this test`];
  await seedKv(testCase);
  for (const path of testCase.load ?? []) await deploy(flowSource(path));
  const flow = await deploy(testCase.flow === null ? stringify(testCase.inlineFlow ?? {}) : flowSource(testCase.flow));
  const run = newRun(entry, testCase, flow);
  if (concurrently) return runConcurrently(run, testCase);
  const created = await run.create();
  if (!act) {
    const action = run.scheduleDate ? { scheduleDate: run.scheduleDate } : {};
    run.check("as created", run.before, created, { action });
    return finish(run, created.id, {});
  }
  // Killed "when RUNNING": as created (its task running); any other action waits for the end or a pause.
  const killWhileRunning = testCase.action === "run-then-kill" && run.params.when === "execution RUNNING";
  if (!killWhileRunning) await drive(created.id);
  const original = await getExecution(created.id);
  if (killWhileRunning && original.state.current !== "RUNNING")
    return [`the execution is ${original.state.current} before the kill, expected RUNNING`];
  run.check("before the action", run.before, original);
  const acted = await act(run, original);
  if (acted === "done") return run.problems;
  return finish(run, acted.final, { original, action: acted.answer ?? {} });
}

/**
 * Two executions of a flow with a `concurrency` limit (Kestra's FlowConcurrencyCaseTest): the
 * first started and running (sleeping), then the second created; both driven to their end,
 * the first first, each checked against its own expectations.
 */
async function runConcurrently(run: Run, testCase: KestraCase): Promise<string[]> {
  const expected = (testCase.expect ?? {}) as { first?: Record<string, unknown>; second?: Record<string, unknown> };
  const first = await run.create();
  await env.EXECUTIONS.get(env.EXECUTIONS.idFromName(first.id)).settled();
  const second = await run.create();
  await env.EXECUTIONS.get(env.EXECUTIONS.idFromName(second.id)).settled();
  for (const [label, id] of [
    ["first", first.id],
    ["second", second.id],
  ] as const) {
    await drive(id);
    run.check(label, expected[label], await getExecution(id), { logs: await getLogs(id) });
  }
  return run.problems;
}

/** Runs the execution until it ends or waits, and checks the case's final expectations on it. */
async function finish(run: Run, id: string, context: CheckContext): Promise<string[]> {
  await drive(id);
  const execution = await getExecution(id);
  const logs = await getLogs(id);
  const executions = await relatives(context.original?.id ?? id);
  run.check("", run.expected, execution, { ...context, logs, executions, ...(await files(run.expected)) });
  return run.problems;
}

/**
 * The executions an execution created, and theirs in turn, once ended: the children of its
 * Subflows and ForEachItem batches and the next attempts of a CREATE_NEW_EXECUTION retry, as
 * their objects know them (the D1 index is written off the hot path), read through the API.
 */
async function relatives(id: string): Promise<Execution[]> {
  const found: Execution[] = [await getExecution(id)];
  for (let at = 0; at < found.length; at++) {
    const current = found[at] as Execution;
    const stub = env.EXECUTIONS.get(env.EXECUTIONS.idFromName(current.id));
    if (current.state.current === "RETRIED" && !(await stub.relatives()).retriedAs) {
      // The next attempt is created when the retry's timer, armed after the end, fires.
      await runDurableObjectAlarm(stub);
      await stub.settled();
    }
    const { children, retriedAs } = await stub.relatives();
    for (const next of [...children, ...(retriedAs ? [retriedAs] : [])]) {
      await drive(next);
      found.push(await getExecution(next));
    }
  }
  return found;
}

/** `now + 1s`: seconds ahead of now. */
function secondsAhead(text: string): number {
  const match = /^now \+ (\d+)s$/.exec(text);
  if (!match) throw new Error(`scheduleDate ${text} is not understood by this test`);
  return Number(match[1]);
}

/** Every file of internal storage (R2) as text, when the expectations read files. */
async function files(expected: Record<string, unknown>): Promise<{ files?: Map<string, string> }> {
  if (!["fileContents", "fileLineCounts", "cacheFileExists"].some((key) => key in expected)) return {};
  const found = new Map<string, string>();
  let cursor: string | undefined;
  do {
    const page = await env.STORAGE.list(cursor ? { cursor } : {});
    for (const object of page.objects) {
      const body = await env.STORAGE.get(object.key);
      if (body) found.set(`kestra:///${object.key}`, await body.text());
    }
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return { files: found };
}

describe("Kestra cases through the Worker API", () => {
  for (const entry of WORKER_CASES) {
    it(entry.id, async () => {
      expect(await runCase(entry)).toEqual([]);
    });
  }
});

// Only while some case shows a bug (an empty describe would be reported as a failure).
if (WORKER_BUGS.length > 0)
  describe("Kestra cases that show a bug of the Worker runtime (they pass on the local host)", () => {
    for (const bug of WORKER_BUGS) {
      it(`${bug.id}: ${bug.why}`, async () => {
        const problems = await runCase(bug).catch((error: unknown) => [
          error instanceof Error ? error.message : String(error),
        ]);
        expect(problems, `${bug.id} passes now: move it to WORKER_CASES`).not.toEqual([]);
        expect(problems.join("\n")).toContain(bug.shows);
      });
    }
  });
