/**
 * Kestra's `trigger-webhook` cases on the local host: each request of the case goes through
 * the portable webhook module (src/triggers/webhook.ts) as the API would send it, the execution
 * it makes runs on the host, and what the endpoint would answer is checked against the case's
 * `responses` (one per request) or its `httpStatus` / `messageContains` (for every request).
 */
import type { Execution } from "../../src/executor/model.js";
import type { ExpressionEngine } from "../../src/expression/engine.js";
import type { RenderStores } from "../../src/expression/extension.js";
import { printValue } from "../../src/expression/values.js";
import type { Flow } from "../../src/flow/model.js";
import type { LocalHost } from "../../src/local/host.js";
import type { PluginRegistry } from "../../src/plugin/registry.js";
import { FROM_TRIGGER_LABEL, triggerWebhook, type WebhookOutcome } from "../../src/triggers/webhook.js";
import { matches } from "./expectations.js";

/** Expectation keys of a webhook case this harness checks. */
const CASE_KEYS = new Set(["responses", "httpStatus", "messageContains"]);
/** Keys of one expected response. */
const RESPONSE_KEYS = new Set(["trigger.variables", "labelsStartWith", "executionIdNotNull", "httpStatus", "body"]);

/** Expectation keys of a webhook case the harness does not check. */
export function uncheckedWebhookKeys(expect: Record<string, unknown> | undefined): string[] {
  const keys = new Set<string>();
  for (const [key, value] of Object.entries(expect ?? {})) {
    if (!CASE_KEYS.has(key)) keys.add(key);
    if (key === "responses" && Array.isArray(value))
      for (const response of value)
        for (const k of Object.keys(response as object)) if (!RESPONSE_KEYS.has(k)) keys.add(`responses.${k}`);
  }
  return [...keys];
}

interface CaseRequest {
  readonly method: string;
  readonly path: string;
  readonly jsonBody?: unknown;
  readonly body?: string;
}

/** What the endpoint answers: a status, a message for refusals, the execution it started. */
interface Answer {
  readonly status: number;
  readonly message?: string;
  readonly execution?: Execution;
  /** The flow of the execution. */
  readonly flow?: Flow;
  /** The body the request carried, for `<the raw ... string unchanged>`. */
  readonly sentBody?: string;
}

const WEBHOOK_PATH = /^\/api\/v1(?:\/main)?\/executions\/webhook\/([^/]+)\/([^/]+)\/([^/?]+)(?:\?(.*))?$/;

export interface WebhookRun {
  readonly host: LocalHost;
  readonly registry: PluginRegistry;
  readonly engine: ExpressionEngine;
  readonly now: () => string;
  readonly newId: () => string;
  /** What the webhook's key and inputs may read (secret(), kv()). */
  readonly stores?: RenderStores;
}

/** Sends every request of the case, runs what they start, and checks the answers. */
export async function runWebhookCase(
  params: Record<string, unknown>,
  expect: Record<string, unknown>,
  run: WebhookRun,
): Promise<string[]> {
  const requests = (params.requests as CaseRequest[] | undefined) ?? [];
  const responses = (expect.responses as Record<string, unknown>[] | undefined) ?? [];
  const problems: string[] = [];
  for (const [i, request] of requests.entries()) {
    const label = `request ${i + 1} (${request.method})`;
    const answer = await send(request, run);
    if (typeof answer === "string") {
      problems.push(`${label}: ${answer}`);
      continue;
    }
    if (answer.execution && answer.flow) {
      const { id, inputs, trigger } = answer.execution;
      run.host.start(answer.flow, {
        id,
        inputs,
        labels: [FROM_TRIGGER_LABEL],
        ...(trigger ? { trigger } : {}),
      });
      await run.host.settle();
      const ended = run.host.execution(id);
      if (ended.state.current !== "SUCCESS") problems.push(`${label}: the execution ended ${ended.state.current}`);
    }
    const wanted = { ...pick(expect, ["httpStatus", "messageContains"]), ...(responses[i] ?? {}) };
    for (const problem of checkAnswer(wanted, answer)) problems.push(`${label}: ${problem}`);
  }
  if (responses.length > requests.length)
    problems.push(`${responses.length} responses expected, ${requests.length} sent`);
  return problems;
}

async function send(request: CaseRequest, run: WebhookRun): Promise<Answer | string> {
  const match = WEBHOOK_PATH.exec(request.path);
  if (!match) return `not a webhook path: ${request.path}`;
  const [namespace, flowId, key] = match.slice(1, 4).map((part) => decodeURIComponent(part ?? ""));
  const query = match[4] ?? "";
  const flow = run.host.flow(namespace ?? "", flowId ?? "");
  const body = request.jsonBody !== undefined ? JSON.stringify(request.jsonBody) : request.body;
  const outcome: WebhookOutcome = await triggerWebhook(
    flow,
    key ?? "",
    {
      method: request.method,
      headers: request.jsonBody !== undefined ? [["Content-Type", "application/json"]] : [],
      parameters: new URLSearchParams(query).entries(),
      ...(body !== undefined ? { body } : {}),
    },
    {
      registry: run.registry,
      engine: run.engine,
      now: run.now,
      newId: run.newId,
      ...(run.stores ? { renderOptions: { stores: run.stores } } : {}),
    },
  );
  const sent = body === undefined ? {} : { sentBody: body };
  if (outcome.type === "refused") return { status: outcome.status, message: outcome.message, ...sent };
  if (outcome.type === "skipped") return { status: 204, ...sent };
  return { status: 200, execution: outcome.execution, ...(flow ? { flow } : {}), ...sent };
}

function checkAnswer(wanted: Record<string, unknown>, answer: Answer): string[] {
  const problems: string[] = [];
  if (wanted.httpStatus !== undefined && answer.status !== wanted.httpStatus)
    problems.push(
      `HTTP ${answer.status}${answer.message ? ` (${answer.message})` : ""}, expected ${String(wanted.httpStatus)}`,
    );
  if (typeof wanted.messageContains === "string" && !(answer.message ?? "").includes(wanted.messageContains))
    problems.push(`message "${answer.message ?? ""}" lacks "${wanted.messageContains}"`);
  if (wanted.executionIdNotNull === true && !answer.execution?.id)
    problems.push(`no execution (HTTP ${answer.status})`);
  if ("body" in wanted && wanted.body === null && (answer.execution || answer.message))
    problems.push(`a body was sent (HTTP ${answer.status})`);
  const variables = (answer.execution?.trigger?.variables ?? {}) as Record<string, unknown>;
  for (const [path, raw] of Object.entries((wanted["trigger.variables"] as Record<string, unknown>) ?? {})) {
    if (!answer.execution) {
      problems.push(`no execution to read trigger.variables.${path} from (HTTP ${answer.status})`);
      continue;
    }
    // `<the raw (invalid JSON) string unchanged>`: the body as sent.
    const matcher = typeof raw === "string" && /^<.*raw.*>$/.test(raw) ? answer.sentBody : raw;
    const value = at(variables, path);
    if (!matches(value, matcher))
      problems.push(`trigger.variables.${path} = ${printValue(value)}, expected ${printValue(matcher)}`);
  }
  const prefix = wanted.labelsStartWith as { key: string; value: string }[] | undefined;
  if (prefix) {
    const labels = answer.execution?.labels ?? [];
    const head = labels.slice(0, prefix.length).map(({ key, value }) => ({ key, value }));
    if (JSON.stringify(head) !== JSON.stringify(prefix))
      problems.push(`labels ${JSON.stringify(labels)} do not start with ${JSON.stringify(prefix)}`);
  }
  return problems;
}

/** `body[0].a`, `parameters.name`: a path into the trigger variables. */
function at(root: unknown, path: string): unknown {
  let value = root;
  for (const part of path.split(/\.|(?=\[)/)) {
    const index = /^\[(\d+)\]$/.exec(part);
    if (index) value = Array.isArray(value) ? value[Number(index[1])] : undefined;
    else value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value;
}

function pick(source: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => key in source).map((key) => [key, source[key]]));
}
