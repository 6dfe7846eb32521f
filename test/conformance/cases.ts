/**
 * Kestra's execution cases (../shared/kestra/cases): load, run on the local host, check.
 * Shared by the vitest suite and `npm run conformance`, so both report the same thing.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { markAs } from "../../src/executor/actions.js";
import { createExecState, toExecution } from "../../src/executor/exec-state.js";
import { indexFlow } from "../../src/executor/flow-index.js";
import type { Execution, StateType } from "../../src/executor/model.js";
import { encrypt } from "../../src/expression/functions/support/encryption.js";
import { createEngine } from "../../src/expression/index.js";
import { describeIssue, type Flow, parseFlow } from "../../src/flow/index.js";
import { knownType } from "../../src/flow/types.js";
import { readInputParts, resolveInputs } from "../../src/inputs/index.js";
import { fakeClock } from "../../src/local/clock.js";
import { LocalHost } from "../../src/local/host.js";
import { renderStoresOf } from "../../src/runtime/data-stores.js";
import { MemoryBlobStore } from "../../src/storage/internal.js";
import { type KvStore, memoryKvStore } from "../../src/storage/kv-store.js";
import { memoryNamespaceFiles, type NamespaceFiles } from "../../src/storage/namespace-files.js";
import { secretsFromEnv } from "../../src/storage/secrets.js";
import { sequentialIds } from "../../src/util/ids.js";
import { KESTRA_DIR } from "../support/kestra.js";
import { checkExpectations, selectTaskRun, uncheckedKeys } from "./expectations.js";
import { runWebhookCase, uncheckedWebhookKeys } from "./run-webhook.js";
// The product's plugins plus Kestra's test-only types, for parsing, checks and the host.
import { TEST_ENCRYPTION_KEY } from "./test-types/encrypted.js";
import { missingTestOnlyTypes, harnessRegistry as registry } from "./test-types/index.js";

export interface KestraCase {
  readonly id: string;
  readonly flow: string | null;
  readonly load?: readonly string[];
  readonly inputs?: Record<string, unknown>;
  readonly inputsMode?: "raw" | "validated" | "api";
  readonly labels?: readonly { readonly key: string; readonly value: string }[];
  readonly action: string;
  readonly actionParams?: Record<string, unknown>;
  readonly expectBeforeAction?: Record<string, unknown>;
  readonly expectAfterAction?: Record<string, unknown> | Record<string, unknown>[];
  readonly expect?: Record<string, unknown>;
  readonly requires?: readonly string[];
  readonly testOnlyTypes?: readonly string[];
  readonly setup?: Record<string, unknown>;
  /** The flow Kestra's test builds in Java, restated as YAML (when `flow` is null). */
  readonly inlineFlow?: Record<string, unknown>;
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

/** Setup sections the harness carries out. */
const SETUP = { config: true, kv: true, env: true, namespaceFiles: true } as const;

/** The namespace files a case seeds: `namespaceFiles: {namespace: {path: content}}`. */
async function seedNamespaceFiles(testCase: KestraCase, files: NamespaceFiles): Promise<void> {
  const seeded = (testCase.setup?.namespaceFiles as Record<string, Record<string, string>> | undefined) ?? {};
  for (const [namespace, entries] of Object.entries(seeded))
    for (const [path, content] of Object.entries(entries))
      await files.put(namespace, path, new TextEncoder().encode(content));
}

/**
 * The environment a case sets, its values described in words: `base64('text')`, or
 * `base64 of 'text' xN, wrapped with \n every W chars`; the host's secrets come from it.
 */
export function caseEnvironment(testCase: KestraCase): Record<string, string> {
  const described = (testCase.setup?.env as Record<string, string> | undefined) ?? {};
  const env: Record<string, string> = {};
  for (const [name, description] of Object.entries(described)) {
    const base64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));
    const plain = /^base64\('(.*)'\)$/s.exec(description);
    const wrapped = /^base64 of '(.*)' x(\d+), wrapped with \\n every (\d+) chars$/.exec(description);
    if (plain) env[name] = base64(plain[1] ?? "");
    else if (wrapped) {
      const encoded = base64((wrapped[1] ?? "").repeat(Number(wrapped[2])));
      env[name] = encoded.match(new RegExp(`.{1,${wrapped[3]}}`, "g"))?.join("\n") ?? encoded;
    } else throw new Error(`the harness does not understand the environment value ${name}: ${description}`);
  }
  return env;
}

/** The KV entries a case seeds: `kv: [{namespace, key, value}]`. */
async function seedKv(testCase: KestraCase, kv: KvStore): Promise<void> {
  const entries = (testCase.setup?.kv as { namespace: string; key: string; value: unknown }[] | undefined) ?? [];
  for (const entry of entries) await kv.put(entry.namespace, entry.key, entry.value);
}

/** Configuration keys the harness applies to the host. */
const CONFIG_KEYS = new Set(["kestra.encryption.secret-key"]);

/** The encryption key a case configures: Kestra's test key unless the case sets another (or none). */
function secretKeyOf(testCase: KestraCase): string | undefined {
  const config = (testCase.setup?.config as Record<string, unknown> | undefined) ?? {};
  if (!("kestra.encryption.secret-key" in config)) return TEST_ENCRYPTION_KEY;
  const key = config["kestra.encryption.secret-key"];
  return typeof key === "string" ? key : undefined;
}

function inlineFlow(source: Record<string, unknown>): Flow | string {
  const result = parseFlow(stringify(source), { registry });
  return result.ok ? result.flow : result.issues.map(describeIssue).join("; ");
}

function loadFlow(path: string): Flow | string {
  const [folder, file] = path.split("/") as [string, string];
  const result = parseFlow(readFileSync(join(KESTRA_DIR, "flows", folder, file), "utf8"), { registry });
  return result.ok ? result.flow : result.issues.map(describeIssue).join("; ");
}

/** Actions the harness carries out. */
const ACTIONS = new Set([
  "run",
  "run-then-resume",
  "run-then-kill",
  "run-then-restart",
  "run-then-replay",
  "run-then-mark-as",
  "run-then-change-status",
  "run-twice",
  "run-concurrently",
  // Each request through the portable webhook module (run-webhook.ts).
  "trigger-webhook",
]);

/** Why Tern cannot run a case yet, or undefined when it can. */
export function unsupported(testCase: KestraCase): string | undefined {
  if (testCase.flow === null && testCase.inlineFlow === undefined) return "the case names no flow";
  const missing = (testCase.testOnlyTypes ?? []).filter((type) => registry.get(type) === undefined);
  if (missing.length > 0) {
    const why = missing.map((type) => missingTestOnlyTypes[type] ?? `${type} is not provided by the harness`);
    return `needs Kestra's test-only types: ${why.join("; ")}`;
  }
  if (!ACTIONS.has(testCase.action)) return `action ${testCase.action} is not supported by the harness yet`;
  if (testCase.inputsMode === "api") return "inputs through the HTTP API need the Worker runtime";
  const setup = Object.keys(testCase.setup ?? {}).filter((key) => !(key in SETUP));
  if (setup.length > 0) return `needs setup the harness does not provide yet: ${setup.join(", ")}`;
  const config = Object.keys((testCase.setup?.config as Record<string, unknown> | undefined) ?? {});
  const unknownConfig = config.filter((key) => !CONFIG_KEYS.has(key));
  if (unknownConfig.length > 0)
    return `needs configuration the harness does not provide yet: ${unknownConfig.join(", ")}`;
  if (testCase.actionParams?.beforeRestart !== undefined && flowEdit(testCase.actionParams.beforeRestart) === undefined)
    return "the case edits the flow between runs (described in prose)";
  const after = testCase.expectAfterAction;
  const webhook = testCase.action === "trigger-webhook";
  const unchecked = webhook
    ? uncheckedWebhookKeys(testCase.expect)
    : uncheckedKeys([
        // run-concurrently expects per execution: {first: {...}, second: {...}}.
        ...(testCase.action === "run-concurrently" ? Object.values(testCase.expect ?? {}) : [testCase.expect]),
        testCase.expectBeforeAction,
        ...(Array.isArray(after) ? after : [after]),
      ]);
  if (unchecked.length > 0) return `the harness does not check ${unchecked.join(", ")} yet`;
  for (const type of testCase.requires ?? []) {
    const canonical = knownType(type, registry);
    const plugin = canonical === undefined ? undefined : registry.get(canonical);
    if (!plugin) return `unsupported type ${type}`;
    // A run started by the harness does not involve the flow's triggers or their conditions.
    if (testCase.action === "run" && (plugin.category === "trigger" || plugin.category === "condition")) continue;
    // A webhook case needs the Webhook trigger and conditions that evaluate.
    if (webhook && plugin.type === "io.kestra.plugin.core.trigger.Webhook") continue;
    if (webhook && plugin.category === "condition" && plugin.test) continue;
    if (plugin.category === "task" && plugin.kind === "runnable" && !plugin.run && !plugin.waitsFor) {
      return `${type} cannot run yet`;
    }
    if (plugin.category === "task" && plugin.kind === "flowable" && !plugin.behaviour) return `${type} cannot run yet`;
    if (plugin.category !== "task") return `${plugin.category} ${type} is not run by the executor yet`;
  }
  return undefined;
}

/** Flow features the executor does not carry out yet (listeners, afterExecution and SLAs now run). */
function unsupportedFeature(_flow: Flow): string | undefined {
  return undefined;
}

interface Run {
  /** The `scheduleDate` the execution was created with. */
  readonly scheduleDate?: string;
  readonly storage: MemoryBlobStore;
  readonly host: LocalHost;
  readonly flow: Flow;
  readonly id: string;
}

export async function runCase(testCase: KestraCase): Promise<Verdict> {
  const reason = unsupported(testCase);
  if (reason !== undefined) return { kind: "unsupported", why: reason };
  const flow = testCase.flow === null ? inlineFlow(testCase.inlineFlow ?? {}) : loadFlow(testCase.flow);
  if (typeof flow === "string") return { kind: "failed", why: `flow rejected: ${flow}` };
  const feature = unsupportedFeature(flow);
  if (feature !== undefined) return { kind: "unsupported", why: feature };
  const engine = createEngine();
  const storage = new MemoryBlobStore();
  const clock = fakeClock();
  const kv = memoryKvStore({ now: () => clock.now() });
  await seedKv(testCase, kv);
  const secrets = secretsFromEnv(caseEnvironment(testCase));
  const namespaceFiles = memoryNamespaceFiles(storage, { now: () => clock.now() });
  await seedNamespaceFiles(testCase, namespaceFiles);
  const host = new LocalHost({
    kv,
    secrets,
    namespaceFiles,
    // Kestra's test configuration (application-test.yml) sets kestra.encryption.secret-key.
    ...(secretKeyOf(testCase) ? { secretKey: secretKeyOf(testCase) } : {}),
    storage,
    registry,
    engine,
    clock,
    ids: sequentialIds("tr"),
    random: () => 0.5,
  });
  for (const path of testCase.load ?? []) {
    const loaded = loadFlow(path);
    if (typeof loaded === "string") return { kind: "failed", why: `${path} rejected: ${loaded}` };
    host.deploy(loaded);
  }
  host.deploy(flow);
  const executionId = "tr0";
  let inputs: Record<string, unknown> = testCase.inputs ?? {};
  if (testCase.inputsMode === "validated") {
    const secretKey = secretKeyOf(testCase);
    const deps = {
      engine,
      execution: { id: executionId, namespace: flow.namespace, flowId: flow.id },
      files: storage,
      // SECRET inputs are stored encrypted with the configured key (Kestra refuses them without one).
      ...(secretKey ? { encryptSecret: (plain: string) => encrypt(secretKey, plain) ?? "" } : {}),
    };
    // `<FILE: ...>` stands for a file uploaded with the request.
    const files = Object.entries(inputs).flatMap(([key, value]) => {
      const file = typeof value === "string" ? describedFile(value, key) : undefined;
      return file ? [[key, file] as [string, Blob]] : [];
    });
    const uploaded = await readInputParts(files, flow.inputs ?? [], deps, { upload: true });
    const resolved = await resolveInputs(flow.inputs ?? [], { ...inputs, ...uploaded }, deps);
    const [error] = resolved.errors;
    if (error) return { kind: "failed", why: `inputs refused: ${error.message}` };
    inputs = resolved.values;
  }
  try {
    if (testCase.action === "trigger-webhook") {
      const problems = await runWebhookCase(testCase.actionParams ?? {}, testCase.expect ?? {}, {
        host,
        registry,
        engine,
        now: () => clock.now().toISOString(),
        newId: sequentialIds("wh"),
        stores: renderStoresOf({ kv, secrets }),
      });
      return problems.length === 0 ? { kind: "passed" } : { kind: "failed", why: problems.join("; ") };
    }
    const scheduleDate = scheduledAt(testCase.actionParams?.scheduleDate, clock.now());
    const id = host.start(flow, {
      id: executionId,
      inputs,
      ...(testCase.labels ? { labels: testCase.labels } : {}),
      ...(scheduleDate ? { scheduleDate } : {}),
    });
    const problems = await act(testCase, { storage, host, flow, id, ...(scheduleDate ? { scheduleDate } : {}) });
    return problems.length === 0 ? { kind: "passed" } : { kind: "failed", why: problems.join("; ") };
  } catch (error) {
    return { kind: "failed", why: `host error: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Runs the case's action and checks what is expected before, right after, and at the end. */
async function act(testCase: KestraCase, run: Run): Promise<string[]> {
  const { host, id } = run;
  const params = testCase.actionParams ?? {};
  const problems: string[] = [];
  const check = (label: string, expect: Record<string, unknown> | undefined, execution: Execution, context = {}) => {
    for (const problem of checkExpectations(expect ?? {}, execution, { executions: host.executions(), ...context }))
      problems.push(label ? `${label}: ${problem}` : problem);
  };
  if (testCase.action === "run" && run.scheduleDate && testCase.expectBeforeAction) {
    // Before anything ran: the execution as created (CREATED, with its scheduleDate).
    check("as created", testCase.expectBeforeAction, host.execution(id), {
      action: { ...(run.scheduleDate ? { scheduleDate: run.scheduleDate } : {}) },
    });
  }
  const until =
    testCase.action === "run-then-kill" && params.when === "execution RUNNING"
      ? () => {
          const execution = host.execution(id);
          return (
            execution.state.current === "RUNNING" && execution.taskRunList.some((r) => r.state.current === "RUNNING")
          );
        }
      : testCase.action === "run-concurrently"
        ? // "start and wait until RUNNING": started (a Pause makes it PAUSED in the same step).
          () => host.execution(id).state.current !== "CREATED"
        : undefined;
  await host.settle(until);
  const original = host.execution(id);
  if (testCase.action === "run") {
    check("", testCase.expect, original, { logs: host.logs(id), files: await readFiles(run.storage) });
    return problems;
  }
  if (testCase.action === "run-concurrently") {
    // The first execution holds the flow's slot (RUNNING, or PAUSED); a second one arrives.
    const second = host.start(run.flow);
    await host.settle();
    const expect = (testCase.expect ?? {}) as Record<string, Record<string, unknown> | undefined>;
    check("first", expect.first, host.execution(id), { logs: host.logs(id) });
    check("second", expect.second, host.execution(second), { logs: host.logs(second) });
    return problems;
  }
  check("before the action", testCase.expectBeforeAction, original, { files: await readFiles(run.storage) });
  const after = Array.isArray(testCase.expectAfterAction) ? testCase.expectAfterAction : [testCase.expectAfterAction];
  const expect = testCase.expect ?? {};
  const answer: Record<string, unknown> = {};
  let final = id;
  const refused = (key: string, error: unknown): boolean => {
    const wanted = expect[key] as { messageContains?: string; bodyContains?: string } | undefined;
    const message = error instanceof Error ? error.message : String(error);
    if (!wanted) throw error;
    const text = wanted.messageContains ?? wanted.bodyContains ?? "";
    if (!message.includes(text)) problems.push(`${key}: "${message}" lacks "${text}"`);
    return true;
  };
  switch (testCase.action) {
    case "run-then-kill":
      host.kill(id);
      Object.assign(answer, { httpStatus: 202, killEventEmitted: true });
      break;
    case "run-then-resume": {
      let resumed: Execution;
      try {
        if (params.method === "markAs") {
          const target = original.taskRunList.find((r) => r.taskId === params.taskId);
          if (!target) return [`no task run ${String(params.taskId)} to mark`];
          resumed = host.markAs(id, target.id, params.state as StateType);
        } else {
          const state = params.state === "KILLING" ? "KILLING" : "RUNNING";
          resumed = await host.resume(id, { inputs: resumeInputs(params.inputs, id), state });
        }
      } catch (error) {
        if (refused("resumeError", error)) return problems;
        throw error;
      }
      answer.httpStatus = 204;
      check("after the action", after[0], resumed, { original });
      if (after[0]?.resumeAgainError !== undefined) {
        try {
          await host.resume(id);
          problems.push("a second resume was accepted");
        } catch {
          // Expected: the execution is no longer paused.
        }
      }
      break;
    }
    case "run-then-restart": {
      const times = typeof params.times === "number" ? params.times : 1;
      const edit = flowEdit(params.beforeRestart);
      if (edit) host.deploy(edit(run.flow));
      const revision = typeof params.revision === "number" ? params.revision : undefined;
      for (let i = 0; i < times; i++) {
        let restarted: Execution;
        try {
          restarted = host.restart(final, revision === undefined ? {} : { revision });
        } catch (error) {
          if (refused("restartError", error)) return problems;
          throw error;
        }
        if (i === 0) check("after the action", after[0], restarted, { original });
        final = restarted.id;
        await host.settle();
      }
      break;
    }
    case "run-then-replay": {
      let taskRunId: string | undefined;
      if (typeof params.taskRunId === "string") taskRunId = params.taskRunId;
      else if (params.taskRunId !== null && typeof params.taskRunId === "object") {
        const selected = selectTaskRun(params.taskRunId as Record<string, unknown>, original);
        if (typeof selected !== "object") return [`no task run ${printSelector(params.taskRunId)} to replay from`];
        taskRunId = selected.id;
      }
      let replayed: Execution;
      try {
        replayed = host.replay(id, taskRunId);
      } catch (error) {
        if (refused("replayError", error)) return problems;
        throw error;
      }
      check("after the action", after[0], replayed, { original });
      final = replayed.id;
      break;
    }
    case "run-then-mark-as": {
      // Each step applies to the original execution (the pure action, as the API does it).
      const index = indexFlow(run.flow, registry);
      const steps = (params.steps as Record<string, unknown>[] | undefined) ?? [];
      steps.forEach((stepParams, i) => {
        const target = selectTaskRun(stepParams, original);
        if (typeof target !== "object") {
          problems.push(`no task run ${printSelector(stepParams)} to mark`);
          return;
        }
        const state = createExecState(original, (r) => index.task(r.taskId).group);
        const marked = markAs(state, index, {
          taskRunId: target.id,
          state: stepParams.state as StateType,
          now: original.state.histories.at(-1)?.date ?? "",
        });
        check(`after step ${i + 1}`, after[i], toExecution(marked), { original });
      });
      return problems;
    }
    case "run-twice": {
      // A second execution of the same flow, after the first ended.
      final = host.start(run.flow, { ...(testCase.inputs ? { inputs: testCase.inputs } : {}) });
      break;
    }
    case "run-then-change-status": {
      const status = /status=([A-Z_]+)/.exec(String(params.api))?.[1] as StateType | undefined;
      if (!status) return [`no status in ${String(params.api)}`];
      host.changeStatus(id, status);
      break;
    }
    default:
      return [`action ${testCase.action} not carried out`];
  }
  await host.settle();
  check("", expect, host.execution(final), {
    files: await readFiles(run.storage),
    logs: host.logs(final),
    original,
    action: answer,
  });
  return problems;
}

function printSelector(selector: unknown): string {
  return JSON.stringify(selector);
}

/** onResume values of a case: `<FILE ...>` placeholders become a small file holding the execution id. */
function resumeInputs(inputs: unknown, executionId: string): Record<string, unknown> | null {
  if (inputs === null || inputs === undefined || typeof inputs !== "object") return null;
  return Object.fromEntries(
    Object.entries(inputs).map(([key, value]) => [
      key,
      typeof value === "string" && value.startsWith("<FILE") ? new File([executionId], `${key}.txt`) : value,
    ]),
  );
}

/**
 * The file a `<FILE: ...>` placeholder describes: `N lines; line i (0..M) = str(i) left-padded
 * with spaces to width W`, or a named file (`hello.txt`) with some content.
 */
function describedFile(value: string, input: string): File | undefined {
  const description = /^<FILE: (.+)>$/.exec(value)?.[1];
  if (description === undefined) return undefined;
  const lines = /^(\d+) lines; line i \(0\.\.\d+\) = str\(i\) left-padded with spaces to width (\d+)/.exec(description);
  if (lines) {
    const [count, width] = [Number(lines[1]), Number(lines[2])];
    const content = Array.from({ length: count }, (_, i) => `${String(i).padStart(width)}\n`).join("");
    return new File([content], `${input}.txt`);
  }
  const name = /[\w.-]+\.\w+/.exec(description)?.[0] ?? `${input}.txt`;
  return new File([`content of ${name}`], name);
}

/** Every file of the case's storage as text, for `fileContents`. */
async function readFiles(storage: MemoryBlobStore): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const uri of await storage.list("kestra://")) {
    const bytes = await storage.get(uri);
    if (bytes) files.set(uri, new TextDecoder().decode(bytes));
  }
  return files;
}

/** `now + 1s`: a scheduleDate relative to the fake clock, as an ISO instant. */
function scheduledAt(param: unknown, now: Date): string | undefined {
  if (typeof param !== "string") return undefined;
  const match = /^now \+ (\d+)s$/.exec(param);
  if (!match) throw new Error(`scheduleDate ${param} is not understood by the harness`);
  return new Date(now.getTime() + Number(match[1]) * 1000).toISOString();
}

/**
 * The flow edits cases describe in words: `update flow: replace task \`a\` by a Return with
 * format 'replace' (creates revision 2)`. Undefined for an edit the harness cannot make.
 */
function flowEdit(description: unknown): ((flow: Flow) => Flow) | undefined {
  if (typeof description !== "string") return undefined;
  const match = /^update flow: replace task `([^`]+)` by a Return with format '([^']*)'/.exec(description);
  if (!match) return undefined;
  const [, taskId, format] = match as unknown as [string, string, string];
  return (flow) => {
    const source = { ...flow, revision: undefined } as Record<string, unknown>;
    const tasks = flow.tasks.map((task) =>
      task.id === taskId ? { id: taskId, type: "io.kestra.plugin.core.debug.Return", format } : task,
    );
    const parsed = parseFlow(stringify({ ...source, tasks }), { registry });
    if (!parsed.ok) throw new Error(parsed.issues.map(describeIssue).join("; "));
    return parsed.flow;
  };
}
