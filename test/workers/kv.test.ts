/**
 * The KV store on Workers: the SQL store's contract on the real D1 binding, Kestra's
 * `/namespaces/{namespace}/kv` endpoints through the Worker, and the kv tasks and kv()
 * function inside an ExecutionObject reading and writing the same D1 table.
 */
import { env, SELF } from "cloudflare:test";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it } from "vitest";
import type { Execution } from "../../src/executor/model.js";
import { createSqlKvStore } from "../../src/storage/sql/kv-repository.js";
import { kvStoreContract } from "../support/kv-store-contract.js";

const API = "http://tern.test/api/v1/main";

kvStoreContract("D1", (tenantId, now) => createSqlKvStore(drizzle(env.DB), { tenantId, now }));

function put(namespace: string, key: string, body: string, headers: Record<string, string> = {}) {
  return SELF.fetch(`${API}/namespaces/${namespace}/kv/${key}`, {
    method: "PUT",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
}

async function getValue(namespace: string, key: string): Promise<{ status: number; body: unknown }> {
  const response = await SELF.fetch(`${API}/namespaces/${namespace}/kv/${key}`);
  return { status: response.status, body: await response.json() };
}

describe("KV API", () => {
  it("puts values typed as Kestra types them and answers {type, value}", async () => {
    const cases: [string, string, string][] = [
      ['{"hello":"world"}', "JSON", '{"hello":"world"}'],
      ['["hello","world"]', "JSON", '["hello","world"]'],
      ['"hello"', "STRING", '"hello"'],
      ["1", "NUMBER", "1"],
      ["1.0", "NUMBER", "1.0"],
      ["true", "BOOLEAN", "true"],
      ["2021-09-01", "DATE", '"2021-09-01"'],
      ["2021-09-01T01:02:03Z", "DATETIME", '"2021-09-01T01:02:03Z"'],
      ['"PT5S"', "DURATION", '"PT5S"'],
    ];
    for (const [body, type, value] of cases) {
      expect((await put("api.kv", "typed", body)).status, body).toBe(200);
      const response = await SELF.fetch(`${API}/namespaces/api.kv/kv/typed`);
      expect(response.status).toBe(200);
      expect(await response.text(), body).toBe(`{"type":"${type}","value":${value}}`);
    }
    // A text/plain body that is not JSON is kept as text.
    const text = await SELF.fetch(`${API}/namespaces/api.kv/kv/text`, {
      method: "PUT",
      headers: { "content-type": "text/plain" },
      body: "plain words",
    });
    expect(text.status).toBe(200);
    expect(await getValue("api.kv", "text")).toEqual({ status: 200, body: { type: "STRING", value: "plain words" } });
  });

  it("lists keys with their dates, ttl and description", async () => {
    const before = Date.now();
    expect((await put("api.kv.list", "b", '"x"', { ttl: "PT5M", description: "five minutes" })).status).toBe(200);
    expect((await put("api.kv.list", "a", "1")).status).toBe(200);
    const response = await SELF.fetch(`${API}/namespaces/api.kv.list/kv`);
    expect(response.status).toBe(200);
    const entries = (await response.json()) as { key: string; expirationDate?: string; description?: string }[];
    expect(entries.map((e) => e.key)).toEqual(["a", "b"]);
    expect(entries[0]).not.toHaveProperty("expirationDate");
    expect(entries[1]?.description).toBe("five minutes");
    const expires = Date.parse(entries[1]?.expirationDate ?? "");
    expect(expires).toBeGreaterThanOrEqual(before + 5 * 60_000 - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 5 * 60_000 + 1000);
    // The old path without the tenant answers the same.
    expect(await (await SELF.fetch(`http://tern.test/api/v1/namespaces/api.kv.list/kv`)).json()).toEqual(entries);
  });

  it("answers 404 for a missing key, 410 once expired, 422 for a forbidden key or a bad value", async () => {
    expect(await getValue("api.kv", "nothing")).toEqual({
      status: 404,
      body: expect.objectContaining({ message: "Not Found: No value found for key 'nothing' in namespace 'api.kv'" }),
    });
    const illegal =
      "Illegal argument: Key must start with an alphanumeric character (uppercase or lowercase) and can contain alphanumeric characters (uppercase or lowercase), dots (.), underscores (_), and hyphens (-) only.";
    for (const response of [
      await SELF.fetch(`${API}/namespaces/api.kv/kv/bad$key`),
      await put("api.kv", "bad$key", '"content"'),
      await SELF.fetch(`${API}/namespaces/api.kv/kv/bad$key`, { method: "DELETE" }),
    ]) {
      expect(response.status).toBe(422);
      expect(((await response.json()) as { message: string }).message).toBe(illegal);
    }
    const badJson = await put("api.kv", "k", '{"a":');
    expect(badJson.status).toBe(422);
    expect(((await badJson.json()) as { message: string }).message).toBe(
      'Illegal argument: Invalid JSON value for: {"a":',
    );
    expect((await put("api.kv", "k", "1", { ttl: "-PT1S" })).status).toBe(422);
    expect((await put("api.kv", "k", "1", { ttl: "soon" })).status).toBe(422);

    // An already expired entry (written with a TTL in the past through the store).
    await createSqlKvStore(drizzle(env.DB), { now: () => new Date(Date.now() - 120_000) }).put("api.kv", "old", "v", {
      ttl: "PT1M",
    });
    expect(await getValue("api.kv", "old")).toEqual({
      status: 410,
      body: expect.objectContaining({ message: "Resource has expired: The requested value has expired" }),
    });
    // Deleted by that read.
    expect((await getValue("api.kv", "old")).status).toBe(404);
  });

  it("deletes one key (true/false) or several (the deleted keys)", async () => {
    await put("api.kv.delete", "one", "1");
    await put("api.kv.delete", "two", "2");
    await put("api.kv.delete", "three", "3");
    const once = await SELF.fetch(`${API}/namespaces/api.kv.delete/kv/one`, { method: "DELETE" });
    expect([once.status, await once.text()]).toEqual([200, "true"]);
    const twice = await SELF.fetch(`${API}/namespaces/api.kv.delete/kv/one`, { method: "DELETE" });
    expect([twice.status, await twice.text()]).toEqual([200, "false"]);
    const bulk = await SELF.fetch(`${API}/namespaces/api.kv.delete/kv`, {
      method: "DELETE",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ keys: ["two", "missing", "three"] }),
    });
    expect(bulk.status).toBe(200);
    expect(await bulk.json()).toEqual({ keys: ["two", "three"] });
    expect(await (await SELF.fetch(`${API}/namespaces/api.kv.delete/kv`)).json()).toEqual([]);
  });
});

describe("KV tasks in an ExecutionObject", () => {
  it("sets, reads with kv() and deletes through D1, seen by the API", async () => {
    await put("api.kv.flow", "seed", '{"n": 41}');
    const deployed = await SELF.fetch(`${API}/flows`, {
      method: "POST",
      headers: { "content-type": "application/x-yaml" },
      body: `id: kv
namespace: api.kv.flow
tasks:
  - id: set
    type: io.kestra.plugin.core.kv.Set
    key: result
    value: "{{ kv('seed').n + 1 }}"
    ttl: PT1H
  - id: get
    type: io.kestra.plugin.core.kv.Get
    key: result
  - id: keys
    type: io.kestra.plugin.core.kv.GetKeys
  - id: delete
    type: io.kestra.plugin.core.kv.Delete
    key: seed
`,
    });
    expect(deployed.status).toBe(200);
    const response = await SELF.fetch(`${API}/executions/api.kv.flow/kv?wait=true`, { method: "POST" });
    const execution = (await response.json()) as Execution;
    expect(execution.state.current).toBe("SUCCESS");
    const outputs = Object.fromEntries(execution.taskRunList.map((run) => [run.taskId, run.outputs]));
    expect(outputs.get).toEqual({ value: 42 });
    expect(outputs.keys).toEqual({ keys: ["result", "seed"] });
    expect(outputs.delete).toEqual({ deleted: true });
    expect(await getValue("api.kv.flow", "result")).toEqual({ status: 200, body: { type: "NUMBER", value: 42 } });
    expect((await getValue("api.kv.flow", "seed")).status).toBe(404);
  });
});
