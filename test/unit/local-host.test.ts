/** The local host runs flows end to end with the real plugins and a fake clock. */
import { describe, expect, it } from "vitest";
import { encrypt } from "../../src/expression/functions/support/encryption.js";
import type { Flow } from "../../src/flow/index.js";
import { fakeClock } from "../../src/local/clock.js";
import { sequentialIds } from "../../src/util/ids.js";
import { flowOf, localHost } from "../support/flows.js";

const flow = (source: string): Flow => flowOf(source);

const host = () => localHost();

describe("LocalHost", () => {
  it("gives tasks the clear value of an encrypted SECRET input, with the host's key", async () => {
    const key = "I6EGNzRESu3X3pKZidrqCGOHQFUFC0yK";
    const secret = flow(`id: s
namespace: n
inputs:
  - id: token
    type: SECRET
tasks:
  - id: use
    type: io.kestra.plugin.core.debug.Return
    format: "{{ inputs.token }}"
`);
    const stored = encrypt(key, "hunter2");
    const { execution } = await localHost({ secretKey: key }).run(secret, { inputs: { token: stored } });
    expect(execution.inputs.token).toBe(stored);
    expect(execution.taskRunList[0]?.outputs).toEqual({ value: "hunter2" });
  });

  it("keeps a WorkingDirectory's cached files between executions until the cache's ttl", async () => {
    const clock = fakeClock();
    const local = localHost({ clock, ids: sequentialIds("c") });
    const cached = flow(`id: cached
namespace: n
tasks:
  - id: wd
    type: io.kestra.plugin.core.flow.WorkingDirectory
    cache:
      ttl: PT1M
      patterns: ["*.txt"]
    tasks:
      - id: found
        type: io.kestra.plugin.core.storage.LocalFiles
        outputs: ["kept.txt"]
      - id: write
        type: io.kestra.plugin.core.storage.LocalFiles
        inputs:
          kept.txt: hello
`);
    const found = (execution: { taskRunList: readonly { taskId: string; outputs?: unknown }[] }) =>
      Object.keys((execution.taskRunList.find((r) => r.taskId === "found")?.outputs as { uris?: object })?.uris ?? {});
    expect(found((await local.run(cached)).execution)).toEqual([]);
    expect(found((await local.run(cached)).execution)).toEqual(["kept.txt"]);
    clock.advanceTo?.(clock.now().getTime() + 61_000);
    expect(found((await local.run(cached)).execution)).toEqual([]);
  });

  it("restarts a parent's failed subflow execution in place (restartBehavior RETRY_FAILED)", async () => {
    const local = host();
    local.deploy(
      flow(`id: child
namespace: n
tasks:
  - id: t
    type: io.kestra.plugin.core.debug.Return
    format: "{{ taskrun.attemptsCount == 1 ? 'ok' : ko }}"
`),
    );
    const id = local.start(
      flow(
        "id: parent\nnamespace: n\ntasks:\n  - id: call\n    type: io.kestra.plugin.core.flow.Subflow\n    namespace: n\n    flowId: child\n",
      ),
    );
    await local.settle();
    expect(local.execution(id).state.current).toBe("FAILED");
    const [child] = local.executions().filter((e) => e.flowId === "child");
    expect(child?.state.current).toBe("FAILED");
    local.restart(id);
    await local.settle();
    expect(local.execution(id).state.current).toBe("SUCCESS");
    const children = local.executions().filter((e) => e.flowId === "child");
    expect(children.map((e) => [e.id, e.state.current])).toEqual([[child?.id, "SUCCESS"]]);
    expect(children[0]?.labels).toContainEqual({ key: "system.restarted", value: "true" });
    expect(local.execution(id).taskRunList[0]?.outputs).toMatchObject({ executionId: child?.id, state: "SUCCESS" });
  });

  it("keeps an execution with a scheduleDate CREATED until that date, then runs it", async () => {
    const local = host();
    const at = "2024-01-02T04:00:00.000Z"; // the fake clock starts at 03:04:05.123
    const id = local.start(
      flow("id: later\nnamespace: n\ntasks:\n  - id: t\n    type: io.kestra.plugin.core.debug.Return\n    format: x\n"),
      { scheduleDate: at },
    );
    await local.settle(() => local.execution(id).state.histories.length > 1);
    const execution = local.execution(id);
    expect(execution.state.histories.map((h) => [h.state, h.date])).toEqual([
      ["CREATED", "2024-01-02T03:04:05.123Z"],
      ["RUNNING", at],
    ]);
    await local.settle();
    expect(local.execution(id).state.current).toBe("SUCCESS");
  });

  it("runs tasks in order, passing outputs along", async () => {
    const { execution, logs } = await host().run(
      flow(`id: hello
namespace: company.team
inputs:
  - id: name
    type: STRING
tasks:
  - id: greet
    type: io.kestra.plugin.core.debug.Return
    format: Hello {{ inputs.name }}
  - id: shout
    type: io.kestra.plugin.core.log.Log
    message: "{{ outputs.greet.value | upper }}"
`),
      { inputs: { name: "World" } },
    );
    expect(execution.state.current).toBe("SUCCESS");
    expect(execution.taskRunList.map((r) => [r.taskId, r.state.current, r.attempts?.length])).toEqual([
      ["greet", "SUCCESS", 1],
      ["shout", "SUCCESS", 1],
    ]);
    expect(execution.taskRunList[0]?.outputs).toEqual({ value: "Hello World" });
    expect(logs.find((l) => l.taskId === "shout")?.message).toBe("HELLO WORLD");
  });

  it("switches to errors when a task fails, and stays FAILED", async () => {
    const { execution } = await host().run(
      flow(`id: errors
namespace: company.team
tasks:
  - id: ok
    type: io.kestra.plugin.core.debug.Return
    format: fine
  - id: boom
    type: io.kestra.plugin.core.execution.Fail
  - id: never
    type: io.kestra.plugin.core.debug.Return
    format: unreachable
errors:
  - id: handle
    type: io.kestra.plugin.core.log.Log
    message: "handled"
`),
    );
    expect(execution.state.current).toBe("FAILED");
    expect(execution.taskRunList.map((r) => [r.taskId, r.state.current])).toEqual([
      ["ok", "SUCCESS"],
      ["boom", "FAILED"],
      ["handle", "SUCCESS"],
    ]);
  });

  it("retries with a constant interval on the fake clock", async () => {
    const { execution } = await host().run(
      flow(`id: retry
namespace: company.team
tasks:
  - id: flaky
    type: io.kestra.plugin.core.execution.Fail
    condition: "{{ taskrun.attemptsCount < 2 }}"
    retry:
      type: constant
      interval: PT10S
      maxAttempts: 5
`),
    );
    expect(execution.state.current).toBe("SUCCESS");
    expect(execution.taskRunList[0]?.attempts?.map((a) => a.state.current)).toEqual(["FAILED", "FAILED", "SUCCESS"]);
    expect(execution.taskRunList[0]?.state.histories.map((h) => h.state)).toEqual([
      "CREATED",
      "RUNNING",
      "FAILED",
      "RETRYING",
      "CREATED",
      "RUNNING",
      "FAILED",
      "RETRYING",
      "CREATED",
      "RUNNING",
      "SUCCESS",
    ]);
  });

  it("runs Parallel, If and Switch with their children", async () => {
    const { execution } = await host().run(
      flow(`id: flowables
namespace: company.team
tasks:
  - id: parallel
    type: io.kestra.plugin.core.flow.Parallel
    tasks:
      - id: a
        type: io.kestra.plugin.core.debug.Return
        format: a
      - id: b
        type: io.kestra.plugin.core.debug.Return
        format: b
  - id: if
    type: io.kestra.plugin.core.flow.If
    condition: "{{ outputs.a.value == 'a' }}"
    then:
      - id: yes
        type: io.kestra.plugin.core.debug.Return
        format: yes
    else:
      - id: no
        type: io.kestra.plugin.core.debug.Return
        format: no
  - id: switch
    type: io.kestra.plugin.core.flow.Switch
    value: "{{ outputs.b.value }}"
    cases:
      a:
        - id: case-a
          type: io.kestra.plugin.core.debug.Return
          format: A
      b:
        - id: case-b
          type: io.kestra.plugin.core.debug.Return
          format: B
`),
    );
    expect(execution.state.current).toBe("SUCCESS");
    expect(execution.taskRunList.map((r) => r.taskId)).toEqual(["parallel", "a", "b", "if", "yes", "switch", "case-b"]);
    expect(execution.taskRunList.find((r) => r.taskId === "if")?.outputs).toEqual({ evaluationResult: true });
    expect(execution.taskRunList.find((r) => r.taskId === "switch")?.outputs).toEqual({ value: "b", defaults: false });
  });
});
