import { describe, expect, it } from "vitest";
import { flowOf, localHost } from "../../../test/support/flows.js";
import plugin from "./fetch.js";

describe("Fetch", () => {
  it("accepts the shapes of Kestra's get-log valids", () => {
    expect(plugin.properties.parse({})).toEqual({ level: "INFO" });
    expect(plugin.properties.safeParse({ executionId: "{{execution.id}}" }).success).toBe(true);
    expect(plugin.properties.safeParse({ tasksId: ["task-1"], level: "WARN" }).success).toBe(true);
    expect(plugin.aliases).toContain("io.kestra.core.tasks.log.Fetch");
  });

  it("rejects a bad level or tasksId", () => {
    expect(plugin.properties.safeParse({ level: "VERBOSE" }).success).toBe(false);
    expect(plugin.properties.safeParse({ tasksId: [1] }).success).toBe(false);
  });

  it("outputs size and uri", () => {
    expect(plugin.outputs?.safeParse({ size: 2, uri: "kestra:///a/b.ion" }).success).toBe(true);
  });

  it("fetches the current execution's lines at a level and above into an Ion file, and another's by id", async () => {
    const host = localHost();
    const first = await host.run(
      flowOf(`id: noisy
namespace: company.team
tasks:
  - id: quiet
    type: io.kestra.plugin.core.log.Log
    level: DEBUG
    message: hush
  - id: loud
    type: io.kestra.plugin.core.log.Log
    level: WARN
    message: hear me
  - id: fetch
    type: io.kestra.plugin.core.log.Fetch
    level: WARN
  - id: read
    type: io.kestra.plugin.core.debug.Return
    format: "{{ read(outputs.fetch.uri) }}"
`),
    );
    expect(first.execution.state.current).toBe("SUCCESS");
    const fetch = first.execution.taskRunList.find((run) => run.taskId === "fetch");
    expect(fetch?.outputs?.size).toBe(1);
    const text = String(first.execution.taskRunList.find((run) => run.taskId === "read")?.outputs?.value);
    expect(text).toContain('taskId:"loud"');
    expect(text).toContain('level:"WARN"');
    expect(text).toContain('message:"hear me"');
    expect(text).not.toContain("hush");

    const other = await host.run(
      flowOf(`id: reader
namespace: company.team
inputs:
  - id: target
    type: STRING
tasks:
  - id: fetch
    type: io.kestra.plugin.core.log.Fetch
    executionId: "{{ inputs.target }}"
    level: DEBUG
    tasksId: [quiet]
`),
      { inputs: { target: first.execution.id } },
    );
    expect(other.execution.taskRunList[0]?.outputs?.size).toBe(1);

    const missing = await host.run(
      flowOf(`id: lost
namespace: company.team
tasks:
  - id: fetch
    type: io.kestra.plugin.core.log.Fetch
    executionId: nope
`),
    );
    expect(missing.execution.state.current).toBe("FAILED");
    expect(missing.logs.map((line) => line.message)).toContain("Unable to find execution 'nope' to fetch its logs");
  });
});
