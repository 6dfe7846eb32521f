/**
 * Deleting executions through Kestra's endpoints inside workerd: the execution's Durable
 * Object forgets it (GET and logs answer 404), its index row is marked deleted (searches no
 * longer list it) and, unless deleteStorage=false, its files in R2 are removed. A running
 * execution is deleted too, as Kestra does; the bulk delete refuses non-terminated ones
 * unless includeNonTerminated.
 */
import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { Execution } from "../../src/executor/model.js";
import { R2BlobStore } from "../../workers/r2-blob-store.js";
import { API, deploy } from "./support/api.js";

type Json = Record<string, unknown>;

const UPLOAD = `id: upload
namespace: api.delete
inputs:
  - id: file
    type: FILE
tasks:
  - id: log
    type: io.kestra.plugin.core.log.Log
    message: "{{ inputs.file }}"
`;

const NAP = `id: nap
namespace: api.delete
tasks:
  - id: sleep
    type: io.kestra.plugin.core.flow.Sleep
    duration: PT1H
`;

/** An execution of `upload` with its file stored; answers its id and the file's R2 key. */
async function uploaded(): Promise<{ id: string; key: string }> {
  const form = new FormData();
  form.append("file", new File(["data"], "data.txt"));
  const response = await SELF.fetch(`${API}/executions/api.delete/upload?wait=true`, { method: "POST", body: form });
  expect(response.status).toBe(200);
  const execution = (await response.json()) as Execution;
  expect(execution.state.current).toBe("SUCCESS");
  return { id: execution.id, key: String(execution.inputs.file).slice("kestra:///".length) };
}

async function sleeping(): Promise<string> {
  const response = await SELF.fetch(`${API}/executions/api.delete/nap`, { method: "POST" });
  expect(response.status).toBe(200);
  const execution = (await response.json()) as Execution;
  expect(execution.state.current).not.toBe("SUCCESS");
  return execution.id;
}

/** Waits until the execution's object wrote its summary to the index (the upload flow ends at once). */
async function indexed(id: string): Promise<void> {
  await env.EXECUTIONS.get(env.EXECUTIONS.idFromName(id)).whenDone();
}

async function listed(): Promise<string[]> {
  const response = await SELF.fetch(`${API}/executions/search?namespace=api.delete&size=100`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { results: Execution[] }).results.map((e) => e.id);
}

function remove(id: string, query = ""): Promise<Response> {
  return SELF.fetch(`${API}/executions/${id}${query}`, { method: "DELETE" });
}

function removeIds(ids: readonly string[], query = ""): Promise<Response> {
  return SELF.fetch(`${API}/executions/by-ids${query}`, {
    method: "DELETE",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(ids),
  });
}

beforeAll(async () => {
  await deploy(UPLOAD);
  await deploy(NAP);
});

describe("deleting an execution", () => {
  it("forgets the execution, its logs, its index row and its files", async () => {
    const { id, key } = await uploaded();
    await indexed(id);
    expect(await listed()).toContain(id);
    expect(await env.STORAGE.head(key)).not.toBeNull();

    const deleted = await remove(id);
    expect(deleted.status).toBe(204);
    expect((await SELF.fetch(`${API}/executions/${id}`)).status).toBe(404);
    expect((await SELF.fetch(`${API}/logs/${id}`)).status).toBe(404);
    expect(await listed()).not.toContain(id);
    expect(await env.STORAGE.head(key)).toBeNull();
    const folder = key.slice(0, key.indexOf("/inputs/"));
    expect((await env.STORAGE.list({ prefix: folder })).objects).toEqual([]);

    expect((await remove(id)).status).toBe(404);
  });

  it("keeps the files with deleteStorage=false", async () => {
    const { id, key } = await uploaded();
    expect((await remove(id, "?deleteStorage=false&deleteMetrics=false")).status).toBe(204);
    expect((await SELF.fetch(`${API}/executions/${id}`)).status).toBe(404);
    expect(await (await env.STORAGE.get(key))?.text()).toBe("data");
  });

  it("refuses deleteLogs=false, since the logs go with the execution, and deletes nothing", async () => {
    const { id } = await uploaded();
    const refused = await remove(id, "?deleteLogs=false");
    expect(refused.status).toBe(422);
    expect(String(((await refused.json()) as Json).message)).toContain("deleteLogs=false is not supported");
    expect((await SELF.fetch(`${API}/executions/${id}`)).status).toBe(200);
    expect((await remove(id, "?deleteStorage=maybe")).status).toBe(400);
  });

  it("answers 404 for an unknown execution", async () => {
    expect((await remove("unknownExecution")).status).toBe(404);
  });

  it("deletes a running execution, as Kestra does", async () => {
    const id = await sleeping();
    expect((await remove(id)).status).toBe(204);
    expect((await SELF.fetch(`${API}/executions/${id}`)).status).toBe(404);
    expect(await listed()).not.toContain(id);
  });
});

describe("deleting executions by ids", () => {
  it("deletes terminated executions and answers Kestra's {count}", async () => {
    const first = await uploaded();
    const second = await uploaded();
    const response = await removeIds([first.id, second.id]);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ count: 2 });
    for (const { id, key } of [first, second]) {
      expect((await SELF.fetch(`${API}/executions/${id}`)).status).toBe(404);
      expect(await env.STORAGE.head(key)).toBeNull();
    }
    expect(await listed()).not.toContain(first.id);
  });

  it("refuses the whole list when one is running or unknown, unless includeNonTerminated", async () => {
    const done = await uploaded();
    const running = await sleeping();
    const refused = await removeIds([done.id, running, "unknownExecution"]);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      message: "invalid bulk delete",
      invalids: [
        { message: "execution not found", invalidValue: running },
        { message: "execution not found", invalidValue: "unknownExecution" },
      ],
    });
    expect((await SELF.fetch(`${API}/executions/${done.id}`)).status).toBe(200);
    expect((await SELF.fetch(`${API}/executions/${running}`)).status).toBe(200);

    const included = await removeIds([done.id, running], "?includeNonTerminated=true");
    expect(await included.json()).toEqual({ count: 2 });
    expect((await SELF.fetch(`${API}/executions/${running}`)).status).toBe(404);
  });

  it("refuses a body that is not a list of ids", async () => {
    const response = await SELF.fetch(`${API}/executions/by-ids`, { method: "DELETE", body: '{"ids": 1}' });
    expect(response.status).toBe(400);
  });
});

describe("R2BlobStore.deletePrefix", () => {
  it("deletes more keys than one list page or one delete call holds, and nothing beside them", async () => {
    const store = new R2BlobStore(env.STORAGE);
    const folder = "/bulk/flow/executions/many";
    await Promise.all(
      Array.from({ length: 1050 }, (_, i) => store.put(`${folder}/tasks/t/${i}.txt`, new Uint8Array([1]))),
    );
    const neighbour = await store.put("/bulk/flow/executions/many2/kept.txt", new Uint8Array([2]));
    expect(await store.list(`kestra://${folder}/`)).toHaveLength(1050);

    expect(await store.deletePrefix(`kestra://${folder}/`)).toBe(1050);
    expect(await store.list(`kestra://${folder}/`)).toEqual([]);
    expect(await store.list("kestra:///bulk/")).toEqual([neighbour]);
    await expect(store.deletePrefix("kestra:///")).rejects.toThrow(/Refusing/);
  }, 60_000); // 1,051 local R2 writes: seconds on a busy machine
});
