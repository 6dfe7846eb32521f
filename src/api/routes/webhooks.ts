/**
 * The webhook endpoint, as Kestra's: `GET|POST|PUT /executions/webhook/{namespace}/{flowId}/{key}`
 * starts an execution of the flow's latest revision when `key` is the rendered key of one of its
 * Webhook triggers and the trigger's conditions hold (204 otherwise). It needs no credentials:
 * the key guards it (src/api/auth.ts). The answer shows the execution's identity, trigger,
 * labels, state and flow outputs, never its inputs nor task outputs; with the trigger's `wait`
 * it comes once the execution ends, and with `returnOutputs` it is the flow outputs alone.
 */
import { Hono } from "hono";
import type { Execution } from "../../executor/model.js";
import type { HostVariables } from "../../executor/variables.js";
import type { RenderStores } from "../../expression/extension.js";
import { triggerWebhook, type WebhookRequest, type WebhookTrigger } from "../../triggers/webhook.js";
import { newId } from "../../util/ids.js";
import { ApiError } from "../errors.js";
import { type ExecutionRouteDeps, parsed } from "./executions.js";

export interface WebhookRouteDeps extends ExecutionRouteDeps {
  /** Secrets and KV a webhook `key` may read (`{{ secret('WEBHOOK_KEY') }}`). */
  readonly stores?: RenderStores;
  /** envs and globals of the run context. */
  readonly variables?: HostVariables;
}

/** A body above this many bytes is refused with 413. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export function webhookRoutes(deps: WebhookRouteDeps): Hono {
  const app = new Hono();
  app.on(["GET", "POST", "PUT"], "/executions/webhook/:namespace/:flowId/:key", async (c) => {
    const { namespace, flowId, key } = c.req.param();
    const stored = await deps.flows.get(namespace, flowId);
    const flow = stored ? { ...parsed(stored.source, deps.registry), revision: stored.revision } : undefined;
    const outcome = await triggerWebhook(flow, key, await requestOf(c.req.raw), {
      registry: deps.registry,
      engine: deps.engine,
      ...(deps.stores ? { renderOptions: { stores: deps.stores } } : {}),
      ...(deps.variables ? { variables: deps.variables } : {}),
      files: deps.blobs,
      now: () => new Date().toISOString(),
      newId,
    });
    switch (outcome.type) {
      case "refused":
        throw new ApiError(
          outcome.status === 404 ? "not-found" : outcome.status === 409 ? "conflict" : "unprocessable",
          outcome.message,
        );
      case "skipped":
        if (outcome.failure) {
          console.warn(
            `[namespace: ${namespace}] [flow: ${flowId}] [condition: ${outcome.failure.type}] Evaluate Condition Failed with error '${outcome.failure.message}'`,
          );
        }
        return c.body(null, 204);
    }
    const { execution, trigger } = outcome;
    await deps.executions.start(stored?.source ?? "", execution);
    if (!trigger.wait) return c.json(webhookResponse(execution, deps.baseUrl));
    const ended = await deps.executions.whenDone(execution.id);
    if (trigger.returnOutputs) return outputsResponse(ended, trigger);
    return c.json(webhookResponse(ended, deps.baseUrl));
  });
  return app;
}

/** The request as the webhook module reads it; the body is text (a binary body is decoded leniently). */
async function requestOf(request: Request): Promise<WebhookRequest> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) {
    throw new ApiError("payload-too-large", `request body is ${declared} bytes; the limit is ${MAX_BODY_BYTES} bytes`);
  }
  const body = request.method === "GET" || request.body === null ? "" : await request.text();
  if (body.length > MAX_BODY_BYTES)
    throw new ApiError("payload-too-large", `request body exceeds ${MAX_BODY_BYTES} bytes`);
  const headers: [string, string][] = [];
  request.headers.forEach((value, name) => {
    headers.push([name, value]);
  });
  const parameters: [string, string][] = [];
  new URL(request.url).searchParams.forEach((value, name) => {
    parameters.push([name, value]);
  });
  return { method: request.method, headers, parameters, body };
}

/** Kestra 1.x's WebhookResponse: who the execution is and where it stands, nothing it holds. */
export function webhookResponse(execution: Execution, baseUrl = ""): Record<string, unknown> {
  return {
    tenantId: "main",
    id: execution.id,
    namespace: execution.namespace,
    flowId: execution.flowId,
    flowRevision: execution.flowRevision,
    trigger: execution.trigger,
    ...(execution.outputs ? { outputs: execution.outputs } : {}),
    labels: execution.labels,
    state: execution.state,
    url: `${baseUrl}/ui/main/executions/${execution.namespace}/${execution.flowId}/${execution.id}`,
  };
}

/**
 * `returnOutputs`: the flow outputs themselves (an empty body when the flow has none). As
 * text/plain, a single text output is sent as is, anything else as its JSON.
 */
function outputsResponse(execution: Execution, trigger: WebhookTrigger): Response {
  const outputs = execution.outputs;
  if (trigger.responseContentType === "text/plain") {
    const values = Object.values(outputs ?? {});
    const text = values.length === 1 && typeof values[0] === "string" ? values[0] : JSON.stringify(outputs ?? {});
    return new Response(text, { status: 200, headers: { "content-type": "text/plain; charset=UTF-8" } });
  }
  if (outputs === undefined || outputs === null) return new Response(null, { status: 200 });
  return Response.json(outputs);
}
