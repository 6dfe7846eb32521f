/**
 * Kestra's follow streams inside workerd: `GET /executions/{id}/follow` sends a `start` event,
 * the execution as `progress` each time it changes (PAUSED included) and ends with an `end`
 * event once it is terminated; `GET /logs/{id}/follow` sends each log line as it is written.
 * Driven by the API (resume) and whenDone(), without sleeps.
 */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Execution } from "../../src/executor/model.js";
import { API, deploy, started, whenDone } from "./support/api.js";

interface SseEvent {
  readonly id: string | undefined;
  readonly data: unknown;
}

/** Reads server-sent events one at a time; `next()` is undefined once the stream ended. */
function events(response: Response): { next(): Promise<SseEvent | undefined> } {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/event-stream");
  const body = response.body;
  if (!body) throw new Error("no body");
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  return {
    async next() {
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = block.split("\n").filter((line) => !line.startsWith(":") && line !== "");
          if (fields.length === 0) continue; // a keep-alive comment
          const field = (name: string) =>
            fields.filter((line) => line.startsWith(`${name}:`)).map((line) => line.slice(name.length + 1).trimStart());
          const data = field("data").join("\n");
          return { id: field("id")[0], data: data === "" ? undefined : JSON.parse(data) };
        }
        const { value, done } = await reader.read();
        if (done) {
          expect(buffer.trim()).toBe("");
          return undefined;
        }
        buffer += value;
      }
    },
  };
}

const gate = (id: string): string => `id: ${id}
namespace: follow.test
tasks:
  - id: before
    type: io.kestra.plugin.core.log.Log
    message: before the pause
  - id: wait
    type: io.kestra.plugin.core.flow.Pause
  - id: after
    type: io.kestra.plugin.core.log.Log
    level: WARN
    message: after the pause
`;

describe("follow streams", () => {
  it("follows an execution: start, its states up to PAUSED, then after resume SUCCESS as the end", async () => {
    await deploy(gate("gate"));
    const id = await started("follow.test", "gate");
    const stream = events(await SELF.fetch(`${API}/executions/${id}/follow`));

    const first = await stream.next();
    expect(first).toEqual({ id: "start", data: { id } });
    let event = await stream.next();
    for (; event && (event.data as Execution).state.current !== "PAUSED"; event = await stream.next()) {
      expect(event.id).toBe("progress");
    }
    expect(event?.id).toBe("progress");
    const paused = event?.data as Execution;
    expect(paused.id).toBe(id);
    expect(paused.taskRunList.map((run) => [run.taskId, run.state.current])).toEqual([
      ["before", "SUCCESS"],
      ["wait", "PAUSED"],
    ]);
    expect((await whenDone(id)).state.current).toBe("PAUSED");

    const resumed = await SELF.fetch(`${API}/executions/${id}/resume`, { method: "POST" });
    expect(resumed.status).toBe(204);

    const seen: SseEvent[] = [];
    for (let next = await stream.next(); next; next = await stream.next()) seen.push(next);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.slice(0, -1).every((e) => e.id === "progress")).toBe(true);
    const last = seen.at(-1);
    expect(last?.id).toBe("end");
    const ended = last?.data as Execution;
    expect(ended.state.current).toBe("SUCCESS");
    expect(ended.state.histories.map((h) => h.state)).toContain("PAUSED");
    expect(ended.taskRunList.map((run) => run.taskId)).toEqual(["before", "wait", "after"]);
    expect((await whenDone(id)).state.current).toBe("SUCCESS");
  });

  it("answers a terminated execution with start and end at once", async () => {
    await deploy(`id: quick
namespace: follow.test
tasks:
  - id: hi
    type: io.kestra.plugin.core.debug.Return
    format: hi
`);
    const id = await started("follow.test", "quick");
    expect((await whenDone(id)).state.current).toBe("SUCCESS");
    const stream = events(await SELF.fetch(`${API}/executions/${id}/follow`));
    expect(await stream.next()).toEqual({ id: "start", data: { id } });
    const end = await stream.next();
    expect(end?.id).toBe("end");
    expect((end?.data as Execution | undefined)?.state.current).toBe("SUCCESS");
    expect(await stream.next()).toBeUndefined();
  });

  it("follows the logs of an execution: each line as it is written, until the execution ends", async () => {
    await deploy(gate("logged"));
    const id = await started("follow.test", "logged");
    expect((await whenDone(id)).state.current).toBe("PAUSED");
    const stream = events(await SELF.fetch(`${API}/logs/${id}/follow`));
    expect(await stream.next()).toEqual({ id: "start", data: {} });
    const before = await stream.next();
    expect(before?.id).toBe("progress");
    expect(before?.data).toMatchObject({
      executionId: id,
      taskId: "before",
      level: "INFO",
      message: "before the pause",
    });
    expect((before?.data as { taskRunId?: string } | undefined)?.taskRunId).toEqual(expect.any(String));

    const resumed = await SELF.fetch(`${API}/executions/${id}/resume`, { method: "POST" });
    expect(resumed.status).toBe(204);
    const rest: SseEvent[] = [];
    for (let next = await stream.next(); next; next = await stream.next()) rest.push(next);
    expect(rest.map((e) => e.id)).toEqual(["progress", "progress"]);
    expect(rest[0]?.data).toMatchObject({
      executionId: id,
      taskId: "after",
      level: "WARN",
      message: "after the pause",
    });
    // The execution's own line, without a task run.
    expect(rest[1]?.data).toMatchObject({
      executionId: id,
      level: "INFO",
      message: "Flow completed with state SUCCESS",
    });
    expect((await whenDone(id)).state.current).toBe("SUCCESS");
  });

  it("filters followed logs by minLevel", async () => {
    await deploy(gate("filtered"));
    const id = await started("follow.test", "filtered");
    expect((await whenDone(id)).state.current).toBe("PAUSED");
    const stream = events(await SELF.fetch(`${API}/logs/${id}/follow?minLevel=WARN`));
    expect((await stream.next())?.id).toBe("start");
    expect((await SELF.fetch(`${API}/executions/${id}/resume`, { method: "POST" })).status).toBe(204);
    const only = await stream.next();
    expect(only?.data).toMatchObject({ taskId: "after", level: "WARN" });
    expect(await stream.next()).toBeUndefined();
  });

  it("answers 404 for an unknown execution", async () => {
    for (const path of ["executions/nope/follow", "logs/nope/follow"]) {
      const response = await SELF.fetch(`${API}/${path}`);
      expect(response.status).toBe(404);
      await response.body?.cancel();
    }
  });
});
