/**
 * Kestra's execution endpoints inside workerd, end to end: a flow stored in D1, an
 * execution created through the API with multipart inputs and run by its Durable Object,
 * then read, logged, resumed, killed and restarted through the API.
 */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Execution } from "../../src/executor/model.js";
import { deploy, execute, whenDone } from "./support/api.js";

type Json = Record<string, unknown>;

const HELLO = `id: hello
namespace: api.exec
inputs:
  - id: name
    type: STRING
tasks:
  - id: greet
    type: io.kestra.plugin.core.debug.Return
    format: Hello {{ inputs.name }}
  - id: log
    type: io.kestra.plugin.core.log.Log
    message: "{{ outputs.greet.value }}"
`;

describe("execution endpoints", () => {
  it("creates an execution with multipart inputs, runs it in its Durable Object and serves it", async () => {
    await deploy(HELLO);
    const { status, json } = await execute("api.exec", "hello", { name: "World" }, "?wait=true&labels=team:data");
    expect(status).toBe(200);
    expect(json).toMatchObject({
      namespace: "api.exec",
      flowId: "hello",
      flowRevision: 1,
      inputs: { name: "World" },
      state: { current: "SUCCESS" },
    });
    expect(json.labels).toContainEqual({ key: "team", value: "data" });
    expect(String(json.url)).toContain(`/ui/main/executions/api.exec/hello/${String(json.id)}`);

    const got = await SELF.fetch(`http://tern.test/api/v1/main/executions/${String(json.id)}`);
    expect(got.status).toBe(200);
    const execution = (await got.json()) as Execution;
    expect(execution.taskRunList.map((r) => [r.taskId, r.state.current, r.outputs])).toEqual([
      ["greet", "SUCCESS", { value: "Hello World" }],
      ["log", "SUCCESS", null],
    ]);

    const logs = await SELF.fetch(`http://tern.test/api/v1/logs/${String(json.id)}?minLevel=INFO&taskId=log`);
    expect(((await logs.json()) as { message: string }[]).map((l) => l.message)).toEqual(["Hello World"]);
  });

  it("refuses a missing input with Kestra's 422, an unknown flow and an unknown execution with 404", async () => {
    await deploy(HELLO.replace("id: hello", "id: strict"));
    const missing = await execute("api.exec", "strict");
    expect(missing.status).toBe(422);
    expect(missing.json.message).toBe(
      "Invalid entity: name: Invalid input for `name`, missing required input, but received `null`",
    );
    const unknownFlow = await execute("api.exec", "nope");
    expect(unknownFlow.status).toBe(404);
    expect(unknownFlow.json.message).toBe("Flow not found: api.exec.nope");
    const unknownExecution = await SELF.fetch("http://tern.test/api/v1/main/executions/doesNotExist0000000000");
    expect(unknownExecution.status).toBe(404);
    // Actions on an unknown execution answer 404 too, from the one call on its object.
    const actions: [string, string, string?][] = [
      ["DELETE", "/kill"],
      ["POST", "/change-status?status=SUCCESS"],
      ["POST", "/state", JSON.stringify({ taskRunId: "x", state: "SUCCESS" })],
    ];
    for (const [method, path, body] of actions) {
      const response = await SELF.fetch(`http://tern.test/api/v1/main/executions/doesNotExist0000000000${path}`, {
        method,
        ...(body ? { body, headers: { "content-type": "application/json" } } : {}),
      });
      expect(response.status).toBe(404);
      expect(((await response.json()) as { message: string }).message).toBe(
        "Execution not found: doesNotExist0000000000",
      );
    }
  });

  it("resumes a paused execution with onResume inputs, and refuses a second resume", async () => {
    await deploy(`id: approve
namespace: api.exec
tasks:
  - id: wait
    type: io.kestra.plugin.core.flow.Pause
    onResume:
      - id: ok
        type: BOOLEAN
  - id: after
    type: io.kestra.plugin.core.debug.Return
    format: "{{ outputs.wait.onResume.ok }}"
`);
    const created = await execute("api.exec", "approve", {}, "?wait=true");
    expect(created.json.state).toMatchObject({ current: "PAUSED" });
    const id = String(created.json.id);
    const form = new FormData();
    form.append("ok", "true");
    const resumed = await SELF.fetch(`http://tern.test/api/v1/main/executions/${id}/resume`, {
      method: "POST",
      body: form,
    });
    expect(resumed.status).toBe(204);
    const finished = await whenDone(id);
    expect(finished.state.current).toBe("SUCCESS");
    expect(finished.taskRunList.at(-1)?.outputs).toEqual({ value: "true" });
    const again = await SELF.fetch(`http://tern.test/api/v1/main/executions/${id}/resume`, { method: "POST" });
    expect(again.status).toBe(422);
    expect(((await again.json()) as Json).message).toContain("not paused");
  });

  it("kills a sleeping execution with 202, then refuses to kill it again", async () => {
    await deploy(`id: nap
namespace: api.exec
tasks:
  - id: sleep
    type: io.kestra.plugin.core.flow.Sleep
    duration: PT1H
`);
    const created = await execute("api.exec", "nap");
    expect(created.status).toBe(200);
    const id = String(created.json.id);
    const killed = await SELF.fetch(`http://tern.test/api/v1/main/executions/${id}/kill`, { method: "DELETE" });
    expect(killed.status).toBe(202);
    expect((await whenDone(id)).state.current).toBe("KILLED");
    const again = await SELF.fetch(`http://tern.test/api/v1/main/executions/${id}/kill`, { method: "DELETE" });
    expect(again.status).toBe(422);
  });

  it("changes the status of a terminated execution, marks a task run and replays from a task run", async () => {
    await deploy(`id: three
namespace: api.exec
tasks:
  - id: a
    type: io.kestra.plugin.core.debug.Return
    format: a
  - id: b
    type: io.kestra.plugin.core.debug.Return
    format: b
  - id: c
    type: io.kestra.plugin.core.debug.Return
    format: c
`);
    const created = await execute("api.exec", "three", {}, "?wait=true");
    const id = String(created.json.id);
    const runs = (created.json as unknown as Execution).taskRunList;

    const status = await SELF.fetch(`http://tern.test/api/v1/main/executions/${id}/change-status?status=WARNING`, {
      method: "POST",
    });
    expect(status.status).toBe(200);
    expect(((await status.json()) as Execution).state.current).toBe("WARNING");
    const badStatus = await SELF.fetch(`http://tern.test/api/v1/main/executions/${id}/change-status?status=NOPE`, {
      method: "POST",
    });
    expect(badStatus.status).toBe(400);

    const replayed = await SELF.fetch(`http://tern.test/api/v1/main/executions/${id}/replay?taskRunId=${runs[1]?.id}`, {
      method: "POST",
    });
    expect(replayed.status).toBe(200);
    const replay = (await replayed.json()) as Execution;
    expect(replay.id).not.toBe(id);
    expect(replay.parentId).toBe(id);
    expect(replay.taskRunList.map((r) => [r.taskId, r.state.current])).toEqual([
      ["a", "SUCCESS"],
      ["b", "RESTARTED"],
    ]);
    const finished = await whenDone(replay.id);
    expect(finished.state.current).toBe("SUCCESS");
    expect(finished.taskRunList.map((r) => r.taskId)).toEqual(["a", "b", "c"]);
    const unknown = await SELF.fetch(`http://tern.test/api/v1/main/executions/${id}/replay?taskRunId=nope`, {
      method: "POST",
    });
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as Json).message).toContain("No task found");

    const marked = await SELF.fetch(`http://tern.test/api/v1/main/executions/${id}/state`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ taskRunId: runs[2]?.id, state: "FAILED" }),
    });
    expect(marked.status).toBe(200);
    const afterMark = (await marked.json()) as Execution;
    expect(afterMark.state.current).toBe("RESTARTED");
    expect(afterMark.taskRunList[2]?.state.current).toBe("FAILED");
    expect((await whenDone(id)).state.current).toBe("FAILED");
  });

  it("restarts a failed execution in place, answering it RESTARTED", async () => {
    await deploy(`id: flaky
namespace: api.exec
tasks:
  - id: once
    type: io.kestra.plugin.core.debug.Return
    format: "{{ taskrun.attemptsCount == 1 ? 'ok' : ko }}"
`);
    const created = await execute("api.exec", "flaky", {}, "?wait=true");
    expect(created.json.state).toMatchObject({ current: "FAILED" });
    const id = String(created.json.id);
    const restarted = await SELF.fetch(`http://tern.test/api/v1/main/executions/${id}/restart`, { method: "POST" });
    expect(restarted.status).toBe(200);
    expect(((await restarted.json()) as Execution).state.current).toBe("RESTARTED");
    const finished = await whenDone(id);
    expect(finished.state.current).toBe("SUCCESS");
    expect(finished.taskRunList[0]?.attempts?.map((a) => a.state.current)).toEqual(["FAILED", "SUCCESS"]);
  });

  it("restarts and replays on another revision of the flow, as new executions; an unknown revision is a 404", async () => {
    const v1 = `id: revised
namespace: api.exec
inputs:
  - id: ratio
    type: FLOAT
    defaults: 2.0
tasks:
  - id: step
    type: io.kestra.plugin.core.execution.Fail
    errorMessage: "v1 fails with {{ inputs.ratio }}"
`;
    await deploy(v1);
    const failed = await execute("api.exec", "revised", {}, "?wait=true");
    expect(failed.json.state).toMatchObject({ current: "FAILED" });
    const id = String(failed.json.id);
    const update = await SELF.fetch("http://tern.test/api/v1/main/flows/api.exec/revised", {
      method: "PUT",
      headers: { "content-type": "application/x-yaml" },
      body: v1.replace(
        / {2}- id: step\n[\s\S]*$/,
        '  - id: step\n    type: io.kestra.plugin.core.debug.Return\n    format: "v2 with {{ inputs.ratio }}"\n',
      ),
    });
    const revision = ((await update.json()) as { revision: number }).revision;
    expect(revision).toBe(2);

    const restarted = await SELF.fetch(`http://tern.test/api/v1/main/executions/${id}/restart?revision=2`, {
      method: "POST",
    });
    expect(restarted.status).toBe(200);
    const restartedId = ((await restarted.json()) as Execution).id;
    expect(restartedId).not.toBe(id);
    const onV2 = await whenDone(restartedId);
    expect(onV2).toMatchObject({ flowRevision: 2, state: { current: "SUCCESS" } });
    // The FLOAT input keeps its Java type through the objects: rendered "2.0", not "2".
    expect(onV2.taskRunList[0]?.outputs).toEqual({ value: "v2 with 2.0" });

    const replayed = await SELF.fetch(`http://tern.test/api/v1/main/executions/${id}/replay?revision=2`, {
      method: "POST",
    });
    expect(replayed.status).toBe(200);
    const replay = await whenDone(((await replayed.json()) as Execution).id);
    expect(replay).toMatchObject({ flowRevision: 2, parentId: id, state: { current: "SUCCESS" } });

    const unknown = await SELF.fetch(`http://tern.test/api/v1/main/executions/${id}/replay?revision=9`, {
      method: "POST",
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("Unable to find flow revision 9");
  });
});
