import { describe, expect, it } from "vitest";
import type { Execution } from "../../../src/executor/model.js";
import type { Flow } from "../../../src/flow/index.js";
import type { RunOptions } from "../../../src/local/host.js";
import { flowOf, localHost } from "../../../test/support/flows.js";
import plugin from "./exit.js";

describe("Exit", () => {
  it("exits in SUCCESS by default", () => {
    expect(plugin.properties.parse({})).toEqual({ state: "SUCCESS" });
  });

  it("accepts Kestra's exit states, spelled CANCELED", () => {
    for (const state of ["SUCCESS", "WARNING", "KILLED", "FAILED", "CANCELED", "{{ inputs.state }}"]) {
      expect(plugin.properties.safeParse({ state }).success, state).toBe(true);
    }
    expect(plugin.properties.safeParse({ state: "CANCELLED" }).success).toBe(false);
    expect(plugin.properties.safeParse({ state: "RUNNING" }).success).toBe(false);
  });
});

const flow = (source: string): Flow => flowOf(source);

function run(source: string, options: RunOptions = {}) {
  const host = localHost();
  return host.run(flow(source), options);
}

const runs = (execution: Execution) => execution.taskRunList.map((r) => [r.taskId, r.state.current]);
const history = (execution: Execution) => execution.state.histories.map((h) => h.state);

describe("Exit on the local host", () => {
  it("ends the execution at once in SUCCESS by default: nothing after it runs, no flow outputs", async () => {
    const { execution, logs } = await run(`id: exit
namespace: company.team
tasks:
  - id: before
    type: io.kestra.plugin.core.debug.Return
    format: one
  - id: exit
    type: io.kestra.plugin.core.execution.Exit
  - id: after
    type: io.kestra.plugin.core.debug.Return
    format: never
outputs:
  - id: out
    type: STRING
    value: "{{ outputs.before.value }}"
`);
    expect(execution.state.current).toBe("SUCCESS");
    expect(history(execution)).toEqual(["CREATED", "RUNNING", "SUCCESS"]);
    expect(runs(execution)).toEqual([
      ["before", "SUCCESS"],
      ["exit", "SUCCESS"],
    ]);
    expect(execution.taskRunList[1]?.attempts?.map((a) => a.state.current)).toEqual(["SUCCESS"]);
    expect(execution.outputs ?? null).toBeNull();
    expect(logs.some((l) => l.message.startsWith("Flow completed"))).toBe(false);
  });

  it("FAILED ends the Exit run and its parents FAILED and skips the errors branch", async () => {
    const { execution } = await run(`id: exit
namespace: company.team
tasks:
  - id: if
    type: io.kestra.plugin.core.flow.If
    condition: "{{ true }}"
    then:
      - id: seq
        type: io.kestra.plugin.core.flow.Sequential
        tasks:
          - id: exit
            type: io.kestra.plugin.core.execution.Exit
            state: FAILED
          - id: never
            type: io.kestra.plugin.core.debug.Return
            format: never
  - id: end
    type: io.kestra.plugin.core.debug.Return
    format: never
errors:
  - id: handle
    type: io.kestra.plugin.core.debug.Return
    format: never
`);
    expect(execution.state.current).toBe("FAILED");
    expect(runs(execution)).toEqual([
      ["if", "FAILED"],
      ["seq", "FAILED"],
      ["exit", "FAILED"],
    ]);
    expect(execution.taskRunList[2]?.state.histories.map((h) => h.state)).toEqual(["CREATED", "RUNNING", "FAILED"]);
  });

  it("renders the state: CANCELED cancels the execution, WARNING warns", async () => {
    const source = `id: exit
namespace: company.team
inputs:
  - id: state
    type: STRING
tasks:
  - id: exit
    type: io.kestra.plugin.core.execution.Exit
    state: "{{ inputs.state }}"
`;
    const canceled = await run(source, { inputs: { state: "CANCELED" } });
    expect(canceled.execution.state.current).toBe("CANCELLED");
    expect(runs(canceled.execution)).toEqual([["exit", "CANCELLED"]]);
    const warning = await run(source, { inputs: { state: "WARNING" } });
    expect(warning.execution.state.current).toBe("WARNING");
    expect(runs(warning.execution)).toEqual([["exit", "WARNING"]]);
    const unknown = await run(source, { inputs: { state: "PAUSED" } });
    expect(unknown.execution.state.current).toBe("FAILED");
    expect(runs(unknown.execution)).toEqual([["exit", "FAILED"]]);
    expect(unknown.logs.map((l) => l.message)).toContain(
      "Invalid exit state 'PAUSED', expected one of SUCCESS, WARNING, KILLED, FAILED, CANCELED",
    );
  });

  it("other states leave a task run of another branch running", async () => {
    const { execution } = await run(`id: exit
namespace: company.team
tasks:
  - id: parallel
    type: io.kestra.plugin.core.flow.Parallel
    tasks:
      - id: sleep
        type: io.kestra.plugin.core.flow.Sleep
        duration: PT1H
      - id: seq
        type: io.kestra.plugin.core.flow.Sequential
        tasks:
          - id: first
            type: io.kestra.plugin.core.debug.Return
            format: one
          - id: exit
            type: io.kestra.plugin.core.execution.Exit
            state: FAILED
`);
    expect(execution.state.current).toBe("FAILED");
    expect(runs(execution)).toEqual([
      ["parallel", "FAILED"],
      ["sleep", "RUNNING"],
      ["seq", "FAILED"],
      ["first", "SUCCESS"],
      ["exit", "FAILED"],
    ]);
  });

  it("KILLED kills the execution at once, the running tasks and their parents", async () => {
    const { execution } = await run(`id: exit
namespace: company.team
tasks:
  - id: parallel
    type: io.kestra.plugin.core.flow.Parallel
    tasks:
      - id: branch
        type: io.kestra.plugin.core.flow.Sequential
        tasks:
          - id: sleep
            type: io.kestra.plugin.core.flow.Sleep
            duration: PT1H
      - id: exit
        type: io.kestra.plugin.core.execution.Exit
        state: KILLED
  - id: after
    type: io.kestra.plugin.core.debug.Return
    format: never
`);
    expect(execution.state.current).toBe("KILLED");
    expect(history(execution)).toEqual(["CREATED", "RUNNING", "KILLED"]);
    expect(runs(execution)).toEqual([
      ["parallel", "KILLED"],
      ["branch", "KILLED"],
      ["exit", "KILLED"],
      ["sleep", "KILLED"],
    ]);
    expect(execution.taskRunList[3]?.attempts?.map((a) => a.state.current)).toEqual(["KILLED"]);
  });
});
