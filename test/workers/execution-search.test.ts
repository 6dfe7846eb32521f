/**
 * The execution index inside workerd, end to end: executions created through the API are run
 * by their Durable Objects, which write each state change's summary to D1; Kestra's
 * `GET /executions/search` and `GET /executions` read it back with filters and paging.
 * `whenDone()` resolves after the object's pending index writes, so no test sleeps.
 */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Execution } from "../../src/executor/model.js";
import { API, deploy, started, whenDone } from "./support/api.js";

interface Paged {
  results: Execution[];
  total: number;
}

async function search(query: string, path = "/executions/search"): Promise<Paged> {
  const response = await SELF.fetch(`${API}${path}?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Paged;
}

const flow = (namespace: string, id: string, format: string) => `id: ${id}
namespace: ${namespace}
tasks:
  - id: only
    type: io.kestra.plugin.core.debug.Return
    format: "${format}"
`;

describe("execution search", () => {
  it("finds executions by namespace prefix, flow, state and labels, with their final state, paged", async () => {
    await deploy(flow("search.team", "ok", "fine"));
    await deploy(flow("search.team", "ko", "{{ nope }}"));
    await deploy(flow("search.team.sub", "ok", "fine"));
    await deploy(flow("search.teamx", "ok", "fine"));
    const ok1 = await started("search.team", "ok", "?labels=env:prod");
    const ok2 = await started("search.team", "ok");
    const ko = await started("search.team", "ko");
    const sub = await started("search.team.sub", "ok");
    const other = await started("search.teamx", "ok");
    for (const id of [ok1, ok2, ko, sub, other]) await whenDone(id);

    const team = await search("namespace=search.team&size=25");
    expect(team.total).toBe(4);
    const states = Object.fromEntries(team.results.map((e) => [e.id, e.state.current]));
    expect(states).toEqual({ [ok1]: "SUCCESS", [ok2]: "SUCCESS", [ko]: "FAILED", [sub]: "SUCCESS" });
    // Newest first by default; summaries carry the task runs without their outputs.
    const starts = team.results.map((e) => e.state.histories[0]?.date ?? "");
    expect(starts).toEqual([...starts].sort().reverse());
    expect(team.results[0]?.taskRunList.map((r) => [r.taskId, r.state.current, r.outputs])).toEqual([
      ["only", "SUCCESS", undefined],
    ]);

    const byId = (...list: string[]) => [...list].sort();
    const ids = async (query: string) => (await search(query)).results.map((e) => e.id);
    expect(await ids("namespace=search.team&flowId=ok&sort=id:asc")).toEqual(byId(ok1, ok2, sub));
    expect(await ids("namespace=search.team&state=FAILED")).toEqual([ko]);
    expect(await ids("namespace=search&state=FAILED&state=SUCCESS&flowId=ko")).toEqual([ko]);
    expect(await ids("namespace=search&labels=env:prod")).toEqual([ok1]);
    expect(await ids("namespace=search.teamx")).toEqual([other]);

    const page1 = await search("namespace=search.team&size=3&page=1&sort=id:asc");
    const page2 = await search("namespace=search.team&size=3&page=2&sort=id:desc");
    expect([page1.total, page2.total]).toEqual([4, 4]);
    const all = byId(ok1, ok2, ko, sub);
    expect(page1.results.map((e) => e.id)).toEqual(all.slice(0, 3));
    expect(page2.results.map((e) => e.id)).toEqual([all[0]]);

    const latest = starts.at(-1) ?? "";
    expect(await ids(`namespace=search.team&flowId=ok&sort=id:asc&startDate=${encodeURIComponent(latest)}`)).toEqual(
      byId(ok1, ok2, sub),
    );
    expect(await ids("namespace=search.team&endDate=2000-01-01T00:00:00Z")).toEqual([]);

    // Kestra's executions of one flow: that namespace only, not the namespaces below it.
    const ofFlow = await search("namespace=search.team&flowId=ok", "/executions");
    expect(byId(...ofFlow.results.map((e) => e.id))).toEqual(byId(ok1, ok2));
    expect(ofFlow.total).toBe(2);
  });

  it("follows the state changes of an execution: paused, then resumed to SUCCESS; killed", async () => {
    await deploy(`id: gate
namespace: search.life
tasks:
  - id: wait
    type: io.kestra.plugin.core.flow.Pause
  - id: after
    type: io.kestra.plugin.core.debug.Return
    format: done
`);
    await deploy(`id: nap
namespace: search.life
tasks:
  - id: sleep
    type: io.kestra.plugin.core.flow.Sleep
    duration: PT1H
`);
    const gate = await started("search.life", "gate");
    expect((await whenDone(gate)).state.current).toBe("PAUSED");
    expect((await search("namespace=search.life&state=PAUSED")).results.map((e) => e.id)).toEqual([gate]);

    const resumed = await SELF.fetch(`${API}/executions/${gate}/resume`, { method: "POST" });
    expect(resumed.status).toBe(204);
    expect((await whenDone(gate)).state.current).toBe("SUCCESS");
    const afterResume = await search("namespace=search.life&flowId=gate");
    expect(afterResume.results.map((e) => [e.id, e.state.current])).toEqual([[gate, "SUCCESS"]]);
    expect(afterResume.results[0]?.state.histories.map((h) => h.state)).toContain("PAUSED");

    const nap = await started("search.life", "nap");
    const killed = await SELF.fetch(`${API}/executions/${nap}/kill`, { method: "DELETE" });
    expect(killed.status).toBe(202);
    expect((await whenDone(nap)).state.current).toBe("KILLED");
    expect((await search("namespace=search.life&state=KILLED")).results.map((e) => e.id)).toEqual([nap]);
  });

  it("refuses an unknown state, a malformed date and an unsortable field with 400", async () => {
    for (const query of ["state=DONE", "startDate=yesterday", "sort=inputs:asc", "timeRange=1day"]) {
      const response = await SELF.fetch(`${API}/executions/search?${query}`);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { message: string }).message).toMatch(/state|startDate|sort|timeRange/);
    }
    const missing = await SELF.fetch(`${API}/executions?namespace=search.team`);
    expect(missing.status).toBe(400);
  });
});
