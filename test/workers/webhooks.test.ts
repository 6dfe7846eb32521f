/**
 * Webhook triggers inside workerd, end to end: a flow stored through the API, called on
 * `/executions/webhook/{namespace}/{flowId}/{key}` with GET, POST and PUT; the execution runs
 * in its Durable Object with the request as `trigger` variables. Also the refusals (404, 409,
 * 204 on false conditions), `wait`/`returnOutputs`, the webhook's openness when credentials
 * are configured, CORS preflights and `/api/v1/configs`.
 */
import { createExecutionContext, env, SELF, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Execution } from "../../src/executor/model.js";
import type { Env } from "../../workers/env.js";
import worker from "../../workers/index.js";

type Json = Record<string, unknown>;
const BASE = "http://tern.test";

async function deploy(source: string): Promise<void> {
  const response = await SELF.fetch(`${BASE}/api/v1/main/flows`, {
    method: "POST",
    headers: { "content-type": "application/x-yaml" },
    body: source,
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

/** Waits (without sleeping) until the execution's object says it ended or paused. */
async function done(id: string): Promise<Execution> {
  const stub = env.EXECUTIONS.get(env.EXECUTIONS.idFromName(id));
  return (await stub.whenDone()) as unknown as Execution;
}

const ECHO = `id: echo
namespace: api.hooks
labels:
  team: data
tasks:
  - id: out
    type: io.kestra.plugin.core.debug.Return
    format: "{{ trigger | json }}"
triggers:
  - id: webhook
    type: io.kestra.plugin.core.trigger.Webhook
    key: a-secret-key
  - id: dynamic
    type: io.kestra.plugin.core.trigger.Webhook
    key: "{{ flow.id }}-{{ flow.namespace }}"
`;

const hook = (path: string) => `${BASE}/api/v1/main/executions/webhook/${path}`;

describe("webhook endpoint", () => {
  it("starts an execution with the POST body, the query parameters and the headers as trigger variables", async () => {
    await deploy(ECHO);
    const response = await SELF.fetch(hook("api.hooks/echo/a-secret-key?name=john&age=12&age=13"), {
      method: "POST",
      headers: { "content-type": "application/json", "x-tag": "t1" },
      body: JSON.stringify({ a: 1, b: true }),
    });
    expect(response.status).toBe(200);
    const json = await response.json<Json>();
    expect(json).toMatchObject({
      tenantId: "main",
      namespace: "api.hooks",
      flowId: "echo",
      flowRevision: 1,
      state: { current: "CREATED" },
      trigger: {
        id: "webhook",
        type: "io.kestra.plugin.core.trigger.Webhook",
        variables: {
          body: { a: 1, b: true },
          parameters: { name: ["john"], age: ["12", "13"] },
          headers: { "content-type": ["application/json"], "x-tag": ["t1"] },
        },
      },
    });
    expect(json.labels).toEqual(
      expect.arrayContaining([
        { key: "team", value: "data" },
        { key: "system.from", value: "trigger" },
      ]),
    );
    // Only who the execution is: no task runs, no inputs.
    expect(json).not.toHaveProperty("taskRunList");
    expect(json).not.toHaveProperty("inputs");
    expect(json.url).toBe(`${BASE}/ui/main/executions/api.hooks/echo/${String(json.id)}`);

    const ended = await done(String(json.id));
    expect(ended.state.current).toBe("SUCCESS");
    const echoed = JSON.parse(String(ended.taskRunList[0]?.outputs?.value)) as Json;
    expect(echoed).toMatchObject({ body: { a: 1, b: true }, parameters: { age: ["12", "13"] } });
  });

  it("reads a PUT array body, a text body and no body at all (GET), under both API prefixes", async () => {
    await deploy(ECHO.replace("id: echo", "id: echo2"));
    const variables = async (url: string, init: RequestInit = {}) => {
      const response = await SELF.fetch(url, init);
      expect(response.status).toBe(200);
      return ((await response.json<Json>()).trigger as { variables: Json }).variables;
    };
    expect(await variables(hook("api.hooks/echo2/a-secret-key"), { method: "PUT", body: '[{"a":1}]' })).toMatchObject({
      body: [{ a: 1 }],
    });
    expect(await variables(hook("api.hooks/echo2/a-secret-key"), { method: "POST", body: "bla" })).toMatchObject({
      body: "bla",
    });
    expect(await variables(`${BASE}/api/v1/executions/webhook/api.hooks/echo2/a-secret-key?x=1`)).toMatchObject({
      body: null,
      parameters: { x: ["1"] },
    });
  });

  it("matches a key rendered from the flow", async () => {
    await deploy(ECHO.replace("id: echo", "id: echo3"));
    const response = await SELF.fetch(hook("api.hooks/echo3/echo3-api.hooks"));
    expect(response.status).toBe(200);
    expect(((await response.json<Json>()).trigger as Json).id).toBe("dynamic");
  });

  it("answers 404 for an unknown flow and for a wrong key, without a word about the flow", async () => {
    await deploy(ECHO.replace("id: echo", "id: echo4"));
    const missing = await SELF.fetch(hook("api.hooks/nope/a-secret-key"), { method: "POST" });
    expect(missing.status).toBe(404);
    expect((await missing.json<Json>()).message).toBe("Not Found: Flow not found");
    for (const method of ["GET", "POST", "PUT"]) {
      const wrong = await SELF.fetch(hook("api.hooks/echo4/not-the-key"), { method });
      expect(wrong.status).toBe(404);
      const text = await wrong.text();
      expect(JSON.parse(text).message).toBe("Not Found: Webhook not found");
      expect(text).not.toContain("a-secret-key");
      expect(text).not.toContain("Return");
    }
    // Other methods are no webhook.
    expect((await SELF.fetch(hook("api.hooks/echo4/a-secret-key"), { method: "DELETE" })).status).toBe(404);
  });

  it("refuses a disabled flow (409) and a disabled trigger (404)", async () => {
    await deploy(`${ECHO.replace("id: echo", "id: echo5")}    disabled: true\n`);
    expect((await SELF.fetch(hook("api.hooks/echo5/echo5-api.hooks"))).status).toBe(404);
    expect((await SELF.fetch(hook("api.hooks/echo5/a-secret-key"))).status).toBe(200);
    await deploy(`${ECHO.replace("id: echo", "id: echo6")}disabled: true\n`);
    const disabled = await SELF.fetch(hook("api.hooks/echo6/a-secret-key"));
    expect(disabled.status).toBe(409);
    expect((await disabled.json<Json>()).message).toBe("Illegal state: Cannot execute a disabled flow");
  });

  it("answers 204 without an execution when the trigger's conditions are not met", async () => {
    await deploy(`id: guarded
namespace: api.hooks
tasks:
  - id: out
    type: io.kestra.plugin.core.debug.Return
    format: "{{ trigger.body.hello }}"
triggers:
  - id: webhook
    type: io.kestra.plugin.core.trigger.Webhook
    key: webhookKey
    conditions:
      - type: io.kestra.plugin.core.condition.ExpressionCondition
        expression: "{{ trigger.body.hello == 'world' }}"
`);
    const post = (hello: string) =>
      SELF.fetch(hook("api.hooks/guarded/webhookKey"), { method: "POST", body: JSON.stringify({ hello }) });
    const skipped = await post("webhook");
    expect(skipped.status).toBe(204);
    expect(await skipped.text()).toBe("");
    const started = await post("world");
    expect(started.status).toBe(200);
    const ended = await done(String((await started.json<Json>()).id));
    expect(ended.taskRunList[0]?.outputs).toEqual({ value: "world" });
  });

  it("with wait, answers once the execution ended; with returnOutputs, with the flow outputs alone", async () => {
    const flow = (id: string, extra: string) => `id: ${id}
namespace: api.hooks
tasks:
  - id: greet
    type: io.kestra.plugin.core.debug.Return
    format: "hello {{ trigger.parameters.name[0] }}"
outputs:
  - id: greeting
    type: STRING
    value: "{{ outputs.greet.value }}"
triggers:
  - id: webhook
    type: io.kestra.plugin.core.trigger.Webhook
    key: k
    wait: true
${extra}`;
    await deploy(flow("waiting", ""));
    await deploy(flow("outputs", "    returnOutputs: true\n"));
    await deploy(flow("plain", '    returnOutputs: true\n    responseContentType: "text/plain"\n'));

    const waited = await SELF.fetch(hook("api.hooks/waiting/k?name=ada"));
    expect(waited.status).toBe(200);
    const execution = await waited.json<Json>();
    expect(execution).toMatchObject({ state: { current: "SUCCESS" }, outputs: { greeting: "hello ada" } });
    expect(execution).not.toHaveProperty("taskRunList");

    const outputs = await SELF.fetch(hook("api.hooks/outputs/k?name=bob"), { method: "POST" });
    expect(outputs.status).toBe(200);
    expect(await outputs.json()).toEqual({ greeting: "hello bob" });

    const plain = await SELF.fetch(hook("api.hooks/plain/k?name=eve"), { method: "PUT" });
    expect(plain.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await plain.text()).toBe("hello eve");
  });

  it("needs no credentials when the Worker has some: the key guards it", async () => {
    await deploy(ECHO.replace("id: echo", "id: echo7"));
    const { TERN_AUTH: _open, ...bindings } = env as Env;
    const secrets = { TERN_BASIC_AUTH: "admin:s3cret" };
    const call = async (path: string) => {
      const ctx = createExecutionContext();
      const request = new Request(`https://tern.example.workers.dev${path}`) as Request<
        unknown,
        IncomingRequestCfProperties
      >;
      const response = await worker.fetch(request, { ...bindings, ...secrets }, ctx);
      await waitOnExecutionContext(ctx);
      return response;
    };
    expect((await call("/api/v1/main/flows/api.hooks/echo7")).status).toBe(401);
    expect((await call("/api/v1/main/executions/webhook/api.hooks/echo7/a-secret-key")).status).toBe(200);
    expect((await call("/api/v1/main/executions/webhook/api.hooks/echo7/wrong")).status).toBe(404);
  });
});

describe("CORS", () => {
  it("answers a preflight without credentials, allowing the Authorization header", async () => {
    const response = await SELF.fetch(`${BASE}/api/v1/main/flows/search`, {
      method: "OPTIONS",
      headers: {
        origin: "https://ui.example.com",
        "access-control-request-method": "GET",
        "access-control-request-headers": "authorization, content-type",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("authorization");
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
  });

  it("marks answers, errors included, as readable from any origin", async () => {
    const ok = await SELF.fetch(`${BASE}/api/v1/configs`, { headers: { origin: "https://ui.example.com" } });
    expect(ok.headers.get("access-control-allow-origin")).toBe("*");
    const missing = await SELF.fetch(`${BASE}/api/v1/main/flows/nope/nope`, {
      headers: { origin: "https://ui.example.com" },
    });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("GET /api/v1/configs", () => {
  it("answers what Kestra's UI reads at startup", async () => {
    const response = await SELF.fetch(`${BASE}/api/v1/configs`);
    expect(response.status).toBe(200);
    const json = await response.json<Json>();
    expect(json).toMatchObject({
      edition: "OSS",
      isCustomDashboardsEnabled: false,
      isAnonymousUsageEnabled: false,
      isTaskRunEnabled: false,
      isTemplateEnabled: false,
      isBasicAuthEnabled: false,
      preview: { initial: 100, max: 5000 },
      systemNamespace: "system",
      hiddenLabelsPrefixes: [],
      url: BASE,
    });
    expect(typeof json.version).toBe("string");
    expect(typeof json.pluginsHash).toBe("number");
    // Kestra serves it without the tenant segment only.
    expect((await SELF.fetch(`${BASE}/api/v1/main/configs`)).status).toBe(404);
  });
});
