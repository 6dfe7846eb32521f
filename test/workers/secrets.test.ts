/**
 * Secrets on Workers: secret('NAME') reads the Worker's SECRET_* bindings (base64, Kestra's
 * OSS convention; vitest.config.ts binds SECRET_TERN_TOKEN), the value is masked in the
 * execution's logs as the API serves them, a missing secret fails the task naming it, and a
 * webhook key may come from a secret.
 */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Execution } from "../../src/executor/model.js";
import type { LogLine } from "../../src/executor/protocol.js";

const API = "http://tern.test/api/v1/main";

async function deploy(source: string): Promise<void> {
  const response = await SELF.fetch(`${API}/flows`, {
    method: "POST",
    headers: { "content-type": "application/x-yaml" },
    body: source,
  });
  expect(response.status).toBe(200);
}

async function run(namespace: string, flowId: string): Promise<Execution> {
  const response = await SELF.fetch(`${API}/executions/${namespace}/${flowId}?wait=true`, { method: "POST" });
  expect(response.status).toBe(200);
  return (await response.json()) as Execution;
}

describe("secrets on Workers", () => {
  it("reads a SECRET_* binding and never shows it in the execution's logs", async () => {
    await deploy(`id: secret
namespace: api.secrets
tasks:
  - id: log
    type: io.kestra.plugin.core.log.Log
    message: "token={{ secret('tern_token') }}"
  - id: length
    type: io.kestra.plugin.core.debug.Return
    format: "{{ secret('TERN_TOKEN') | length }}"
  - id: fail
    type: io.kestra.plugin.core.execution.Fail
    errorMessage: "bad {{ secret('tern_token') }}"
`);
    const execution = await run("api.secrets", "secret");
    expect(execution.state.current).toBe("FAILED");
    expect(execution.taskRunList.find((r) => r.taskId === "length")?.outputs).toEqual({ value: "13" });
    const logs = (await (await SELF.fetch(`${API}/logs/${execution.id}`)).json()) as LogLine[];
    const text = logs.map((line) => line.message).join("\n");
    expect(text).toContain("token=******");
    expect(text).toContain("bad ******");
    expect(text).not.toContain("worker-s3cret");
  });

  it("masks the secret in every API answer of the execution: its outputs, the search, the follow", async () => {
    await deploy(`id: leaky
namespace: api.secrets
tasks:
  - id: copy
    type: io.kestra.plugin.core.debug.Return
    format: "{{ secret('tern_token') }}"
outputs:
  - id: token
    type: STRING
    value: "{{ outputs.copy.value }}"
`);
    const created = await SELF.fetch(`${API}/executions/api.secrets/leaky?wait=true`, { method: "POST" });
    const body = await created.text();
    expect(body).not.toContain("worker-s3cret");
    const id = (JSON.parse(body) as Execution).id;
    const got = await (await SELF.fetch(`${API}/executions/${id}`)).text();
    expect(got).toContain('"value":"******"');
    expect(got).not.toContain("worker-s3cret");
    const searched = await (await SELF.fetch(`${API}/executions/search?namespace=api.secrets`)).text();
    expect(searched).not.toContain("worker-s3cret");
    const followed = await (await SELF.fetch(`${API}/executions/${id}/follow`)).text();
    expect(followed).toContain("******");
    expect(followed).not.toContain("worker-s3cret");
  });

  it("fails the task naming a missing secret", async () => {
    await deploy(`id: missing
namespace: api.secrets
tasks:
  - id: read
    type: io.kestra.plugin.core.debug.Return
    format: "{{ secret('absent') }}"
`);
    const execution = await run("api.secrets", "missing");
    expect(execution.taskRunList[0]?.state.current).toBe("FAILED");
    const logs = (await (await SELF.fetch(`${API}/logs/${execution.id}`)).json()) as LogLine[];
    expect(logs.map((line) => line.message).join("\n")).toContain("Cannot find secret for key 'absent'.");
  });

  it("matches a webhook key rendered from a secret", async () => {
    await deploy(`id: hook
namespace: api.secrets
tasks:
  - id: ok
    type: io.kestra.plugin.core.debug.Return
    format: ok
triggers:
  - id: webhook
    type: io.kestra.plugin.core.trigger.Webhook
    key: "{{ secret('TERN_TOKEN') }}"
`);
    const hit = await SELF.fetch(`${API}/executions/webhook/api.secrets/hook/worker-s3cret`, { method: "POST" });
    expect(hit.status).toBe(200);
    const miss = await SELF.fetch(`${API}/executions/webhook/api.secrets/hook/other`, { method: "POST" });
    expect(miss.status).toBe(404);
  });
});
