import { describe, expect, it } from "vitest";
import { registry } from "../../plugins/index.js";
import { storesFrom } from "../../test/support/expression-stores.js";
import { flowOf } from "../../test/support/flows.js";
import { kestraFile } from "../../test/support/kestra.js";
import { createEngine } from "../expression/index.js";
import {
  DISABLED_FLOW,
  FLOW_NOT_FOUND,
  triggerWebhook,
  WEBHOOK_NOT_FOUND,
  type WebhookDeps,
  type WebhookRequest,
  webhookBody,
  webhookVariables,
} from "./webhook.js";

const deps: WebhookDeps = {
  registry,
  engine: createEngine(),
  now: () => "2024-01-02T03:04:05.000Z",
  newId: () => "exec1",
};

const request = (body?: string, query = "", headers: [string, string][] = []): WebhookRequest => ({
  method: body === undefined ? "GET" : "POST",
  headers,
  parameters: new URLSearchParams(query).entries(),
  ...(body === undefined ? {} : { body }),
});

const kestraFlow = (file: string) => flowOf(kestraFile("flows", "valids", file));

const FLOW = `id: hook
namespace: company.team
labels:
  team: data
inputs:
  - id: name
    type: STRING
    defaults: nobody
  - id: count
    type: INT
    required: false
tasks:
  - id: log
    type: io.kestra.plugin.core.log.Log
    message: "{{ trigger.body }}"
triggers:
  - id: off
    type: io.kestra.plugin.core.trigger.Webhook
    key: secret-key
    disabled: true
  - id: webhook
    type: io.kestra.core.models.triggers.types.Webhook
    key: " {{ flow.id }}-key "
`;

describe("webhookVariables", () => {
  it("parses the body as a JSON object, else a JSON array, else keeps the text; no body is null", () => {
    expect(webhookBody('{"a": 1, "b": true, "c": {"d": [1.5, null]}}')).toEqual({
      a: 1,
      b: true,
      c: { d: [1.5, null] },
    });
    expect(webhookBody('[{"a": 1}]')).toEqual([{ a: 1 }]);
    expect(webhookBody("bla")).toBe("bla");
    expect(webhookBody("123")).toBe("123");
    expect(webhookBody('"text"')).toBe('"text"');
    expect(webhookBody("null")).toBe("null");
    const invalid = '{\\"a\\":\\"\\",\\"b\\":{\\"c\\":1}}';
    expect(webhookBody(invalid)).toBe(invalid);
    expect(webhookBody("")).toBeNull();
    expect(webhookBody(undefined)).toBeNull();
  });

  it("gives headers (names lower-cased) and query parameters as lists of values", () => {
    const variables = webhookVariables(
      request("{}", "name=john&age=12&age=13&flag&__proto__=x", [
        ["Content-Type", "application/json"],
        ["X-Tag", "a"],
        ["x-tag", "b"],
      ]),
    );
    expect(variables.parameters).toEqual({ name: ["john"], age: ["12", "13"], flag: [""], ["__proto__"]: ["x"] });
    expect(Object.hasOwn(variables.parameters, "__proto__")).toBe(true);
    expect(variables.headers).toEqual({ "content-type": ["application/json"], "x-tag": ["a", "b"] });
  });
});

describe("triggerWebhook", () => {
  it("makes a CREATED execution with the request as trigger variables, the flow labels and system.from", async () => {
    const flow = kestraFlow("webhook.yaml");
    const outcome = await triggerWebhook(flow, "a-secret-key", request('{"a":1,"b":true}', "name=john"), deps);
    expect(outcome.type).toBe("execution");
    if (outcome.type !== "execution") return;
    expect(outcome.execution).toMatchObject({
      id: "exec1",
      namespace: "io.kestra.tests",
      flowId: "webhook",
      state: { current: "CREATED" },
      inputs: {},
      trigger: {
        id: "webhook",
        type: "io.kestra.plugin.core.trigger.Webhook",
        variables: { body: { a: 1, b: true }, headers: {}, parameters: { name: ["john"] } },
      },
    });
    expect(outcome.execution.labels).toEqual([
      { key: "flow-label-1", value: "flow-label-1" },
      { key: "flow-label-2", value: "flow-label-2" },
      { key: "system.from", value: "trigger" },
      { key: "system.correlationId", value: "exec1" },
    ]);
    expect(outcome.trigger).toMatchObject({ wait: false, returnOutputs: false });
  });

  it("matches the rendered, trimmed key of an enabled Webhook trigger, whatever its type's spelling", async () => {
    const flow = flowOf(FLOW);
    const found = await triggerWebhook(flow, "hook-key", request(), deps);
    expect(found.type === "execution" && found.trigger.id).toBe("webhook");
    // The disabled trigger's key opens nothing.
    expect(await triggerWebhook(flow, "secret-key", request(), deps)).toEqual({
      type: "refused",
      status: 404,
      message: WEBHOOK_NOT_FOUND,
    });
    const dynamic = await triggerWebhook(
      kestraFlow("webhook-dynamic-key.yaml"),
      "webhook-dynamic-key",
      request(),
      deps,
    );
    expect(dynamic.type).toBe("execution");
  });

  it("renders a key from a secret, and ignores a key that does not render", async () => {
    const flow = kestraFlow("webhook-secret-key.yaml");
    const withSecret = { ...deps, renderOptions: { stores: storesFrom({ secrets: { WEBHOOK_KEY: "secretKey" } }) } };
    expect((await triggerWebhook(flow, "secretKey", request(), withSecret)).type).toBe("execution");
    expect(await triggerWebhook(flow, "secretKey", request(), deps)).toMatchObject({ status: 404 });
  });

  it("refuses a missing flow, a wrong key, then a disabled flow", async () => {
    expect(await triggerWebhook(undefined, "k", request(), deps)).toEqual({
      type: "refused",
      status: 404,
      message: FLOW_NOT_FOUND,
    });
    const disabled = { ...flowOf(FLOW), disabled: true };
    expect(await triggerWebhook(disabled, "wrong", request(), deps)).toMatchObject({ message: WEBHOOK_NOT_FOUND });
    expect(await triggerWebhook(disabled, "hook-key", request(), deps)).toEqual({
      type: "refused",
      status: 409,
      message: DISABLED_FLOW,
    });
  });

  it("skips the execution when a condition is false or fails, and refuses one Tern cannot evaluate", async () => {
    const flow = kestraFlow("webhook-with-condition.yaml");
    expect((await triggerWebhook(flow, "webhookKey", request('{"hello":"world"}'), deps)).type).toBe("execution");
    expect(await triggerWebhook(flow, "webhookKey", request('{"hello":"webhook"}'), deps)).toEqual({ type: "skipped" });
    // No body: `trigger.body.hello` cannot be read; Kestra counts that as false.
    const failed = await triggerWebhook(flow, "webhookKey", request(), deps);
    expect(failed).toMatchObject({ type: "skipped", failure: { type: "io.kestra.plugin.core.condition.Expression" } });

    const holiday = flowOf(`id: h
namespace: n
tasks:
  - id: log
    type: io.kestra.plugin.core.log.Log
    message: hi
triggers:
  - id: w
    type: io.kestra.plugin.core.trigger.Webhook
    key: k
    conditions:
      - type: io.kestra.plugin.core.condition.PublicHoliday
        date: "2024-12-25"
`);
    expect(await triggerWebhook(holiday, "k", request(), deps)).toMatchObject({
      type: "refused",
      status: 422,
      message: expect.stringMatching(/PublicHoliday cannot be evaluated/),
    });
  });

  it("renders the trigger's inputs with the request and validates them", async () => {
    const flow = flowOf(
      `${FLOW}    inputs:\n      name: "{{ trigger.body.who }}"\n      count: "{{ trigger.parameters.n[0] }}"\n`,
    );
    const outcome = await triggerWebhook(flow, "hook-key", request('{"who":"ada"}', "n=3"), deps);
    expect(outcome.type === "execution" && outcome.execution.inputs).toEqual({ name: "ada", count: 3 });
    const refused = await triggerWebhook(flow, "hook-key", request('{"who":"ada"}', "n=three"), deps);
    expect(refused).toMatchObject({
      type: "refused",
      status: 422,
      message: expect.stringMatching(/^Inputs could not be rendered: .*count/),
    });
  });
});
