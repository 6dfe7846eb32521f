/**
 * The PurgeExecutions task on Workers: it finds the ended executions in the D1 index and
 * deletes each in its own Durable Object, with its index rows, log lines and R2 files; the
 * execution running the task, and the ones of other namespaces, stay.
 */
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Execution } from "../../src/executor/model.js";
import { API, deploy, started, whenDone } from "./support/api.js";

describe("PurgeExecutions on Workers", () => {
  it("deletes the ended executions of a namespace with their logs and files", async () => {
    await deploy(
      `id: noisy
namespace: purge.old
tasks:
  - id: say
    type: io.kestra.plugin.core.log.Log
    message: old news
  - id: keep
    type: io.kestra.plugin.core.flow.WorkingDirectory
    outputFiles: ["kept.txt"]
    tasks:
      - id: write
        type: io.kestra.plugin.core.storage.LocalFiles
        inputs:
          kept.txt: kept
`,
      `id: other
namespace: purge.other
tasks:
  - id: say
    type: io.kestra.plugin.core.log.Log
    message: stays
`,
      `id: purge
namespace: purge.old
tasks:
  - id: purge
    type: io.kestra.plugin.core.execution.PurgeExecutions
    namespace: purge.old
    endDate: "{{ now() }}"
`,
    );
    const old = [await started("purge.old", "noisy", "?wait=true"), await started("purge.old", "noisy", "?wait=true")];
    const other = await started("purge.other", "other", "?wait=true");
    const files = await env.STORAGE.list({ prefix: "purge/old/noisy/executions/" });
    expect(files.objects.length).toBe(2);

    const purge = await whenDone(await started("purge.old", "purge", "?wait=true"));
    expect(purge.state.current).toBe("SUCCESS");
    const outputs = purge.taskRunList[0]?.outputs as Record<string, number>;
    expect(outputs.executionsCount).toBe(2);
    expect(outputs.storagesCount).toBe(2);
    expect(outputs.logsCount).toBeGreaterThanOrEqual(2);
    expect(outputs.metricsCount).toBe(0);

    for (const id of old) expect((await SELF.fetch(`${API}/executions/${id}`)).status).toBe(404);
    expect((await env.STORAGE.list({ prefix: "purge/old/noisy/executions/" })).objects).toEqual([]);
    const search = (await (await SELF.fetch(`${API}/executions/search?namespace=purge.old`)).json()) as {
      results: Execution[];
    };
    expect(search.results.map((execution) => execution.id)).toEqual([purge.id]);
    const logs = (await (await SELF.fetch(`${API}/logs/search?q=old%20news`)).json()) as { total: number };
    expect(logs.total).toBe(0);
    expect((await SELF.fetch(`${API}/executions/${other}`)).status).toBe(200);
  });
});

describe("PurgeLogs on Workers", () => {
  it("deletes the matching lines in each execution's object and in the log search", async () => {
    await deploy(
      `id: chatty
namespace: purge.logs
tasks:
  - id: info
    type: io.kestra.plugin.core.log.Log
    message: routine
  - id: warn
    type: io.kestra.plugin.core.log.Log
    level: WARN
    message: careful
`,
      `id: purge
namespace: purge.cleaner
tasks:
  - id: purge
    type: io.kestra.plugin.core.log.PurgeLogs
    namespace: purge.logs
    logLevels: [WARN]
    endDate: "{{ now() }}"
`,
    );
    const runs = [
      await started("purge.logs", "chatty", "?wait=true"),
      await started("purge.logs", "chatty", "?wait=true"),
    ];
    const purge = await whenDone(await started("purge.cleaner", "purge", "?wait=true"));
    expect(purge.taskRunList[0]?.outputs).toEqual({ count: 2 });
    for (const id of runs) {
      const lines = (await (await SELF.fetch(`${API}/logs/${id}`)).json()) as { message: string }[];
      expect(lines.map((line) => line.message)).toContain("routine");
      expect(lines.map((line) => line.message)).not.toContain("careful");
      await whenDone(id);
    }
    const searched = async (q: string) =>
      ((await (await SELF.fetch(`${API}/logs/search?namespace=purge.logs&q=${q}`)).json()) as { total: number }).total;
    expect(await searched("careful")).toBe(0);
    expect(await searched("routine")).toBe(2);
  });
});
