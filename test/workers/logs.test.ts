/**
 * Logs through the API on Workers: an execution's lines (GET /logs/{id}, with Kestra's
 * LogEntry fields and filters, and as a text download), and the search across executions
 * (GET /logs/search) that reads the D1 log index each ExecutionObject writes off its hot path.
 */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { LogEntry } from "../../src/storage/log-index.js";
import { API, deploy, started } from "./support/api.js";

async function get<T>(path: string): Promise<{ status: number; body: T }> {
  const response = await SELF.fetch(`${API}${path}`);
  return { status: response.status, body: (await response.json()) as T };
}

describe("Logs on Workers", () => {
  it("serves an execution's lines with Kestra's fields and filters, and as text", async () => {
    await deploy(`id: chatty
namespace: logs.one
tasks:
  - id: hello
    type: io.kestra.plugin.core.log.Log
    message: hello there
  - id: warn
    type: io.kestra.plugin.core.log.Log
    level: WARN
    message: careful
`);
    const id = await started("logs.one", "chatty", "?wait=true");
    const all = await get<LogEntry[]>(`/logs/${id}`);
    expect(all.status).toBe(200);
    expect(all.body).toContainEqual(
      expect.objectContaining({
        namespace: "logs.one",
        flowId: "chatty",
        executionId: id,
        taskId: "hello",
        level: "INFO",
        message: "hello there",
      }),
    );
    const warned = await get<LogEntry[]>(`/logs/${id}?minLevel=warn`);
    expect(warned.body.map((entry) => entry.message)).toEqual(["careful"]);
    const byTask = await get<LogEntry[]>(`/logs/${id}?taskId=hello&attempt=1`);
    expect(byTask.body.map((entry) => entry.message)).toEqual(["hello there"]);
    expect((await get<unknown>(`/logs/${id}?minLevel=LOUD`)).status).toBe(400);

    const download = await SELF.fetch(`${API}/logs/${id}/download?minLevel=WARN`);
    expect(download.headers.get("content-type")).toContain("text/plain");
    expect(await download.text()).toMatch(/^\S+ WARN warn careful\n$/);
  });

  it("searches lines across executions by namespace, flow, level and text", async () => {
    await deploy(`id: first
namespace: logs.search
tasks:
  - id: say
    type: io.kestra.plugin.core.log.Log
    message: needle in the first
`);
    await deploy(`id: second
namespace: logs.search.sub
tasks:
  - id: say
    type: io.kestra.plugin.core.log.Log
    level: ERROR
    message: needle in the second
`);
    const first = await started("logs.search", "first", "?wait=true");
    const second = await started("logs.search.sub", "second", "?wait=true");
    const found = await get<{ results: LogEntry[]; total: number }>("/logs/search?namespace=logs.search&q=needle");
    expect(found.status).toBe(200);
    expect(found.body.total).toBe(2);
    expect(found.body.results.map((entry) => [entry.executionId, entry.message])).toEqual([
      [second, "needle in the second"],
      [first, "needle in the first"],
    ]);
    const errors = await get<{ results: LogEntry[] }>("/logs/search?namespace=logs.search&minLevel=ERROR");
    expect(errors.body.results.map((entry) => entry.flowId)).toEqual(["second"]);
    const paged = await get<{ results: LogEntry[]; total: number }>(
      "/logs/search?flowId=first&sort=timestamp:asc&size=1&page=1",
    );
    expect(paged.body.results).toHaveLength(1);
    expect((await get<unknown>("/logs/search?sort=nope:asc")).status).toBe(400);
  });

  it("forgets a deleted execution's lines in the search", async () => {
    await deploy(`id: gone
namespace: logs.delete
tasks:
  - id: say
    type: io.kestra.plugin.core.log.Log
    message: soon gone
`);
    const id = await started("logs.delete", "gone", "?wait=true");
    expect((await get<{ total: number }>("/logs/search?namespace=logs.delete")).body.total).toBeGreaterThan(0);
    const deleted = await SELF.fetch(`${API}/executions/${id}`, { method: "DELETE" });
    expect(deleted.status).toBe(204);
    expect((await get<{ total: number }>("/logs/search?namespace=logs.delete")).body.total).toBe(0);
  });
});
