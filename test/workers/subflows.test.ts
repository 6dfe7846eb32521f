/**
 * Subflows and ForEachItem on Workers: each child execution lives in its own ExecutionObject,
 * created by the parent's object with the flow from D1, and reports its end back to the
 * parent's task run. Kill cascades to children, a restarted Subflow restarts its child, and a
 * child's report survives the parent's eviction and is applied once.
 */
import { runDurableObjectAlarm, runInDurableObject, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ExecutionObject } from "../../durable/execution-object.js";
import type { Execution, TaskRun } from "../../src/executor/model.js";
import { deploy, execute, executionObject, settled, whenDone } from "./support/api.js";

/** Creates an execution through the API; with `wait`, answers once it ended or paused. */
async function launch(
  namespace: string,
  id: string,
  inputs: Record<string, string | File> = {},
  wait = true,
): Promise<Execution> {
  const { status, json } = await execute(namespace, id, inputs, wait ? "?wait=true" : "");
  expect(status).toBe(200);
  return json as unknown as Execution;
}

function run(execution: Execution, taskId: string): TaskRun {
  const found = execution.taskRunList.find((r) => r.taskId === taskId);
  if (!found) throw new Error(`no task run ${taskId} in ${execution.id}`);
  return found;
}

function childId(execution: Execution, taskId: string): string {
  const id = run(execution, taskId).outputs?.executionId;
  if (typeof id !== "string") throw new Error(`task run ${taskId} started no child`);
  return id;
}

const CHILD = `id: child
namespace: sub.flows
inputs:
  - id: name
    type: STRING
tasks:
  - id: hello
    type: io.kestra.plugin.core.debug.Return
    format: "hello {{ inputs.name }}"
outputs:
  - id: greeting
    type: STRING
    value: "{{ outputs.hello.value }}"
`;

const PARENT = `id: parent
namespace: sub.flows
labels:
  team: data
tasks:
  - id: call
    type: io.kestra.plugin.core.flow.Subflow
    namespace: sub.flows
    flowId: child
    inheritLabels: true
    inputs:
      name: Ada
  - id: after
    type: io.kestra.plugin.core.debug.Return
    format: "{{ outputs.call.outputs.greeting }}"
`;

const SLEEPY = `id: sleepy
namespace: sub.flows
tasks:
  - id: nap
    type: io.kestra.plugin.core.flow.Sleep
    duration: PT1H
`;

const FAILING = `id: failing
namespace: sub.flows
tasks:
  - id: boom
    type: io.kestra.plugin.core.execution.Fail
    errorMessage: child failed
`;

describe("Subflows on Workers", () => {
  it("runs the child in its own object and gives its outputs to the parent's task run", async () => {
    await deploy(CHILD, PARENT);
    const parent = await launch("sub.flows", "parent");
    expect(parent.state.current).toBe("SUCCESS");
    const call = run(parent, "call");
    expect(call.outputs).toMatchObject({ state: "SUCCESS", outputs: { greeting: "hello Ada" } });
    expect(run(parent, "after").outputs).toEqual({ value: "hello Ada" });

    const child = await whenDone(childId(parent, "call"));
    expect(child.state.current).toBe("SUCCESS");
    expect(child.flowRevision).toBe(1);
    expect(child.trigger).toMatchObject({
      id: "call",
      type: "io.kestra.plugin.core.flow.Subflow",
      variables: { executionId: parent.id, namespace: "sub.flows", flowId: "parent" },
    });
    expect(child.labels).toEqual(
      expect.arrayContaining([
        { key: "system.correlationId", value: parent.id },
        { key: "team", value: "data" },
      ]),
    );
    // The child is an execution like any other: the API serves it.
    const response = await SELF.fetch(`http://tern.test/api/v1/main/executions/${child.id}`);
    expect(((await response.json()) as Execution).state.current).toBe("SUCCESS");
  });

  it("fails the parent's task run with the child's failure (transmitFailed) or with a missing flow", async () => {
    await deploy(
      FAILING,
      `id: calls-failing
namespace: sub.flows
tasks:
  - id: call
    type: io.kestra.plugin.core.flow.Subflow
    namespace: sub.flows
    flowId: failing
`,
      `id: calls-nothing
namespace: sub.flows
tasks:
  - id: call
    type: io.kestra.plugin.core.flow.Subflow
    namespace: sub.flows
    flowId: not-there
`,
    );
    const failed = await launch("sub.flows", "calls-failing");
    expect(failed.state.current).toBe("FAILED");
    expect(run(failed, "call").outputs).toMatchObject({ state: "FAILED" });
    expect((await whenDone(childId(failed, "call"))).state.current).toBe("FAILED");

    const missing = await launch("sub.flows", "calls-nothing");
    expect(missing.state.current).toBe("FAILED");
    const logs = (await executionObject(missing.id).logs()) as unknown as { message: string }[];
    expect(logs.map((line) => line.message)).toContain("Unable to find flow 'sub.flows'.'not-there'");
  });

  it("does not wait for a child started with wait: false", async () => {
    await deploy(
      SLEEPY,
      `id: fire-and-forget
namespace: sub.flows
tasks:
  - id: call
    type: io.kestra.plugin.core.flow.Subflow
    namespace: sub.flows
    flowId: sleepy
    wait: false
`,
    );
    const parent = await launch("sub.flows", "fire-and-forget");
    expect(parent.state.current).toBe("SUCCESS");
    const child = await settled(childId(parent, "call"));
    expect(child.state.current).toBe("RUNNING");
    await executionObject(child.id).kill();
  });

  it("kills the children of a killed parent", async () => {
    await deploy(
      SLEEPY,
      `id: kills-child
namespace: sub.flows
tasks:
  - id: call
    type: io.kestra.plugin.core.flow.Subflow
    namespace: sub.flows
    flowId: sleepy
`,
    );
    const started = await launch("sub.flows", "kills-child", {}, false);
    const running = await settled(started.id);
    const child = childId(running, "call");
    expect((await settled(child)).state.current).toBe("RUNNING");
    await executionObject(started.id).kill();
    const parent = await whenDone(started.id);
    expect(parent.state.current).toBe("KILLED");
    expect(run(parent, "call").state.current).toBe("KILLED");
    expect((await whenDone(child)).state.current).toBe("KILLED");
  });

  it("restarts the child of a restarted Subflow (restartBehavior RETRY_FAILED), labelled system.restarted", async () => {
    await deploy(
      FAILING,
      `id: restarts-child
namespace: sub.flows
tasks:
  - id: call
    type: io.kestra.plugin.core.flow.Subflow
    namespace: sub.flows
    flowId: failing
    restartBehavior: RETRY_FAILED
`,
    );
    const failed = await launch("sub.flows", "restarts-child");
    expect(failed.state.current).toBe("FAILED");
    const child = childId(failed, "call");
    await executionObject(failed.id).restart();
    const parent = await whenDone(failed.id);
    expect(parent.state.histories.map((h) => h.state)).toContain("RESTARTED");
    expect(parent.state.current).toBe("FAILED");
    expect(childId(parent, "call")).toBe(child);
    const restarted = await whenDone(child);
    expect(restarted.labels).toContainEqual({ key: "system.restarted", value: "true" });
    expect(restarted.state.histories.map((h) => h.state)).toContain("RESTARTED");
    expect(run(restarted, "boom").attempts?.map((a) => a.state.current)).toEqual(["FAILED", "FAILED"]);
  });

  it("applies a child's end once, after the parent was evicted while the child slept", async () => {
    await deploy(
      SLEEPY,
      `id: waits-through-eviction
namespace: sub.flows
tasks:
  - id: call
    type: io.kestra.plugin.core.flow.Subflow
    namespace: sub.flows
    flowId: sleepy
  - id: after
    type: io.kestra.plugin.core.debug.Return
    format: done
`,
    );
    const started = await launch("sub.flows", "waits-through-eviction", {}, false);
    const child = childId(await settled(started.id), "call");
    await runInDurableObject(executionObject(started.id), (instance: ExecutionObject) => instance.reload());
    expect(await runDurableObjectAlarm(executionObject(child))).toBe(true);
    const parent = await whenDone(started.id);
    expect(parent.state.current).toBe("SUCCESS");
    expect(run(parent, "call").attempts).toHaveLength(1);
    // The same report again (a child that lost the answer) changes nothing.
    const ended = { type: "subflow.ended", taskRunId: run(parent, "call").id, executionId: child, state: "SUCCESS" };
    await executionObject(started.id).childEnded(child, ended as never);
    const again = (await executionObject(started.id).execution()) as unknown as Execution;
    expect(again.taskRunList).toHaveLength(parent.taskRunList.length);
    expect(again.state.histories).toHaveLength(parent.state.histories.length);
  });
});

describe("ForEachItem on Workers", () => {
  it("starts one child per batch of rows and merges their flow outputs", async () => {
    await deploy(
      `id: batch
namespace: sub.flows
inputs:
  - id: items
    type: STRING
tasks:
  - id: read
    type: io.kestra.plugin.core.debug.Return
    format: "{{ read(inputs.items) | trim }}"
outputs:
  - id: rows
    type: STRING
    value: "{{ outputs.read.value }}"
`,
      `id: batches
namespace: sub.flows
inputs:
  - id: file
    type: FILE
tasks:
  - id: each
    type: io.kestra.plugin.core.flow.ForEachItem
    items: "{{ inputs.file }}"
    batch:
      rows: 2
    namespace: sub.flows
    flowId: batch
    inputs:
      items: "{{ taskrun.items }}"
  - id: merged
    type: io.kestra.plugin.core.debug.Return
    format: "{{ read(outputs.each_merge.subflowOutputs) }}"
`,
    );
    const file = new File(["a\nb\nc\nd\ne\n"], "rows.txt");
    const parent = await launch("sub.flows", "batches", { file });
    expect(parent.state.current).toBe("SUCCESS");
    const items = parent.taskRunList.find((r) => r.taskId === "each_items");
    expect(items?.outputs).toMatchObject({ numberOfBatches: 3, iterations: { SUCCESS: 3 } });
    const merged = String(run(parent, "merged").outputs?.value);
    const rows = merged
      .trim()
      .split("\n")
      .map((line) => line.trim());
    expect(rows).toHaveLength(3);
    expect(rows.join(" ")).toContain("a");
    expect(rows.join(" ")).toContain("e");
  });
});
