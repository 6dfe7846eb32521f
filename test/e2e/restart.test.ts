/**
 * End to end against a real `wrangler dev`: an execution with several tasks and a Sleep is
 * started through the API, wrangler (and workerd) are killed with SIGKILL in the middle of
 * the Sleep, and started again on the same local state. The execution finishes SUCCESS,
 * every task run is there once, and none ran twice without being recorded as an attempt.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Execution } from "../../src/executor/model.js";
import { migrate, startWrangler, type Wrangler } from "./wrangler.js";

const persist = mkdtempSync(join(tmpdir(), "tern-e2e-"));
const port = 20_000 + Math.floor(Math.random() * 20_000);
let server: Wrangler | undefined;

afterAll(async () => {
  await server?.stop();
  rmSync(persist, { recursive: true, force: true });
});

const FLOW = `id: survive
namespace: e2e.tern
inputs:
  - id: name
    type: STRING
tasks:
  - id: greet
    type: io.kestra.plugin.core.debug.Return
    format: Hello {{ inputs.name }}
  - id: nap
    type: io.kestra.plugin.core.flow.Sleep
    duration: PT6S
  - id: after
    type: io.kestra.plugin.core.log.Log
    message: "{{ outputs.greet.value }} after the crash"
  - id: last
    type: io.kestra.plugin.core.debug.Return
    format: done
`;

async function execution(url: string, id: string): Promise<Execution> {
  const response = await fetch(`${url}/api/v1/main/executions/${id}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Execution;
}

/** Polls the real server until the execution reaches a state (it runs on its own clock). */
async function until(url: string, id: string, done: (e: Execution) => boolean, ms: number): Promise<Execution> {
  const deadline = Date.now() + ms;
  for (;;) {
    const current = await execution(url, id);
    if (done(current) || Date.now() > deadline) return current;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("a crash of wrangler dev in the middle of an execution", () => {
  it("loses nothing: the execution carries on after a restart and ends SUCCESS", async () => {
    migrate(persist);
    server = await startWrangler(persist, port, { TERN_AUTH: "open" });
    const deployed = await fetch(`${server.url}/api/v1/main/flows`, {
      method: "POST",
      headers: { "content-type": "application/x-yaml" },
      body: FLOW,
    });
    expect(deployed.status).toBe(200);
    const form = new FormData();
    form.append("name", "Tern");
    const created = await fetch(`${server.url}/api/v1/main/executions/e2e.tern/survive`, {
      method: "POST",
      body: form,
    });
    expect(created.status).toBe(200);
    const { id } = (await created.json()) as { id: string };

    const sleeping = await until(
      server.url,
      id,
      (e) => e.taskRunList.some((r) => r.taskId === "nap" && r.state.current === "RUNNING"),
      20_000,
    );
    expect(sleeping.taskRunList.map((r) => [r.taskId, r.state.current])).toEqual([
      ["greet", "SUCCESS"],
      ["nap", "RUNNING"],
    ]);

    await server.crash();
    server = await startWrangler(persist, port, { TERN_AUTH: "open" });

    const finished = await until(
      server.url,
      id,
      (e) => e.state.current === "SUCCESS" || e.state.current === "FAILED",
      60_000,
    );
    expect(finished.state.current).toBe("SUCCESS");
    expect(finished.taskRunList.map((r) => r.taskId)).toEqual(["greet", "nap", "after", "last"]);
    for (const run of finished.taskRunList) {
      expect(run.state.current).toBe("SUCCESS");
      // A task run carried out again after the crash would show a second attempt.
      expect(run.attempts?.every((a) => ["SUCCESS", "RESUBMITTED"].includes(a.state.current))).toBe(true);
    }
    expect(finished.taskRunList.find((r) => r.taskId === "greet")?.outputs).toEqual({ value: "Hello Tern" });
    const logs = await fetch(`${server.url}/api/v1/main/logs/${id}?minLevel=INFO&taskId=after`);
    expect(((await logs.json()) as { message: string }[]).map((l) => l.message)).toEqual([
      "Hello Tern after the crash",
    ]);
  });
});
