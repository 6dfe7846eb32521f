/**
 * The Webhook trigger (io.kestra.plugin.core.trigger.Webhook), as Kestra's webhook endpoint
 * handles a call to `/executions/webhook/{namespace}/{flowId}/{key}`: find the flow's Webhook
 * trigger whose rendered `key` is the path key, make the execution with the request as its
 * trigger variables (`body`, `headers`, `parameters`), check the trigger's conditions, render
 * its `inputs`. Portable: the request arrives as plain data, and starting the execution (and
 * waiting for it) is the host's part.
 */
import type { Execution, ExecutionTrigger } from "../executor/model.js";
import { newExecution } from "../executor/new-execution.js";
import type { HostVariables } from "../executor/variables.js";
import type { ExpressionEngine, RenderOptions } from "../expression/engine.js";
import { parseJacksonJson } from "../expression/jq-json.js";
import type { Flow, Trigger } from "../flow/model.js";
import { type InputFileStore, resolveInputs } from "../inputs/index.js";
import { isPlainObject } from "../plugin/properties.js";
import type { PluginRegistry } from "../plugin/registry.js";
import { messageOf } from "../util/errors.js";
import { toKestraJson } from "../util/typed-json.js";
import { type ConditionsResult, conditionEnvironment, conditionsMet, flowVariables } from "./conditions.js";

export const WEBHOOK_TYPE = "io.kestra.plugin.core.trigger.Webhook";

/** Kestra's label on executions started by a trigger. */
export const FROM_TRIGGER_LABEL = { key: "system.from", value: "trigger" } as const;

/** An HTTP call to a webhook, as plain data. */
export interface WebhookRequest {
  readonly method: string;
  /** Header names and values as received; a name given twice keeps both values. */
  readonly headers: Iterable<readonly [string, string]>;
  /** Query parameters in order, decoded. */
  readonly parameters: Iterable<readonly [string, string]>;
  /** The body as text; none when undefined or empty. */
  readonly body?: string;
}

/** `trigger.body`, `trigger.headers` and `trigger.parameters`. */
export interface WebhookVariables {
  readonly body: unknown;
  readonly headers: Record<string, string[]>;
  readonly parameters: Record<string, string[]>;
}

export interface WebhookDeps {
  readonly registry: PluginRegistry;
  readonly engine: ExpressionEngine;
  /** Secrets (a `key` may be `{{ secret('...') }}`), the clock... */
  readonly renderOptions?: RenderOptions;
  /** envs and globals. */
  readonly variables?: HostVariables;
  /** Where FILE inputs rendered by the trigger's `inputs` are stored. */
  readonly files?: InputFileStore;
  readonly now: () => string;
  readonly newId: () => string;
}

/** What the endpoint answers, before any execution runs. */
export type WebhookOutcome =
  | { readonly type: "refused"; readonly status: 404 | 409 | 422; readonly message: string }
  /** The trigger's conditions are not met: no execution (204). */
  | { readonly type: "skipped"; readonly failure?: ConditionsResult["failure"] }
  | {
      readonly type: "execution";
      /** The execution to start, CREATED. */
      readonly execution: Execution;
      readonly trigger: WebhookTrigger;
    };

/** The webhook properties that shape the answer. */
export interface WebhookTrigger extends Trigger {
  readonly key: string;
  readonly wait?: boolean;
  readonly returnOutputs?: boolean;
  readonly responseContentType?: string;
  readonly inputs?: Readonly<Record<string, unknown>>;
}

/** Kestra's messages (its error handler prefixes the HTTP reason). */
export const FLOW_NOT_FOUND = "Not Found: Flow not found";
export const WEBHOOK_NOT_FOUND = "Not Found: Webhook not found";
export const DISABLED_FLOW = "Illegal state: Cannot execute a disabled flow";

/**
 * Handles a webhook call to `flow` (undefined when there is no such flow) with `key`. The key
 * is checked before the flow's state, so a caller without the key learns nothing of the flow
 * but that it exists.
 */
export async function triggerWebhook(
  flow: Flow | undefined,
  key: string,
  request: WebhookRequest,
  deps: WebhookDeps,
): Promise<WebhookOutcome> {
  if (!flow) return { type: "refused", status: 404, message: FLOW_NOT_FOUND };
  const trigger = await findWebhook(flow, key, deps);
  if (!trigger) return { type: "refused", status: 404, message: WEBHOOK_NOT_FOUND };
  if (flow.disabled) return { type: "refused", status: 409, message: DISABLED_FLOW };

  const id = deps.newId();
  const created = newExecution({
    id,
    flow,
    now: deps.now(),
    labels: [FROM_TRIGGER_LABEL],
    trigger: webhookExecutionTrigger(trigger, webhookVariables(request)),
  });
  const environment = conditionEnvironment(deps, flow, created);
  let conditions: ConditionsResult;
  try {
    conditions = await conditionsMet(trigger.conditions, environment);
  } catch (error) {
    return { type: "refused", status: 422, message: messageOf(error) };
  }
  if (!conditions.met) return { type: "skipped", ...(conditions.failure ? { failure: conditions.failure } : {}) };
  if (trigger.inputs === undefined) return { type: "execution", execution: created, trigger };

  try {
    const rendered = await deps.engine.renderValueAsync(trigger.inputs, environment.variables, deps.renderOptions);
    const resolved = await resolveInputs(flow.inputs ?? [], isPlainObject(rendered) ? rendered : {}, {
      engine: deps.engine,
      execution: { id, namespace: flow.namespace, flowId: flow.id },
      context: flowVariables(flow, deps.variables),
      ...(deps.renderOptions ? { renderOptions: deps.renderOptions } : {}),
      ...(deps.files ? { files: deps.files } : {}),
    });
    const [error] = resolved.errors;
    if (error) return { type: "refused", status: 422, message: `Inputs could not be rendered: ${error.message}` };
    return { type: "execution", execution: { ...created, inputs: resolved.values }, trigger };
  } catch (error) {
    return { type: "refused", status: 422, message: `Inputs could not be rendered: ${messageOf(error)}` };
  }
}

/**
 * The first enabled Webhook trigger of the flow whose `key`, rendered and trimmed, is `key`.
 * A key that fails to render is skipped, as Kestra skips it (with a warning).
 */
export async function findWebhook(flow: Flow, key: string, deps: WebhookDeps): Promise<WebhookTrigger | undefined> {
  for (const trigger of flow.triggers ?? []) {
    if (deps.registry.canonical(trigger.type) !== WEBHOOK_TYPE || trigger.disabled) continue;
    const variables = { ...flowVariables(flow, deps.variables), trigger: { id: trigger.id, type: trigger.type } };
    try {
      const rendered = await deps.engine.renderAsync(String(trigger.key), variables, deps.renderOptions);
      if (rendered.trim() === key) return trigger as WebhookTrigger;
    } catch {
      // Unrenderable key: this webhook is ignored.
    }
  }
  return undefined;
}

/** The execution's `trigger`: the webhook's id and type, the request as variables. */
export function webhookExecutionTrigger(trigger: Trigger, variables: WebhookVariables): ExecutionTrigger {
  return { id: trigger.id, type: trigger.type, variables: { ...variables } };
}

/** The request as Kestra's Webhook trigger exposes it. */
export function webhookVariables(request: WebhookRequest): WebhookVariables {
  return {
    body: webhookBody(request.body),
    headers: multiMap(request.headers, (name) => name.toLowerCase()),
    parameters: multiMap(request.parameters, (name) => name),
  };
}

/** The body parsed as a JSON object, else as a JSON array, else the text itself; null without a body. */
export function webhookBody(text: string | undefined): unknown {
  if (text === undefined || text === "") return null;
  let value: unknown;
  try {
    // Jackson's readValue: the first JSON value of the text, Integer/Long/Double typed.
    value = parseJacksonJson(text);
  } catch {
    return text;
  }
  return isPlainObject(value) || Array.isArray(value) ? toKestraJson(value) : text;
}

function multiMap(
  entries: Iterable<readonly [string, string]>,
  name: (raw: string) => string,
): Record<string, string[]> {
  const map = new Map<string, string[]>();
  for (const [raw, value] of entries) {
    const key = name(raw);
    const values = map.get(key);
    if (values) values.push(value);
    else map.set(key, [value]);
  }
  // fromEntries defines own properties, so a parameter named `__proto__` stays a parameter.
  return Object.fromEntries(map);
}

function _messageOf(error: unknown): string {
  return _messageOf(error);
}
