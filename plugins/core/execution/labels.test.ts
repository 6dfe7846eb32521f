import { describe, expect, it } from "vitest";
import type { Execution } from "../../../src/executor/model.js";
import type { Flow } from "../../../src/flow/index.js";
import type { RunOptions } from "../../../src/local/host.js";
import { flowOf, localHost } from "../../../test/support/flows.js";
import plugin from "./labels.js";

describe("Labels", () => {
  it("accepts a map, a list of {key, value} and a JSON string, as in labels-update-task", () => {
    const shapes = [
      { "{{ inputs.labelsMapKey }}": "{{ inputs.labelsMapValue }}" },
      [{ key: "{{ inputs.labelsListKey }}", value: "{{ inputs.labelsListValue }}" }],
      "{{ inputs.labelsJson }}",
      '{"team": "data"}',
    ];
    for (const labels of shapes)
      expect(plugin.properties.safeParse({ labels }).success, JSON.stringify(labels)).toBe(true);
    expect(plugin.aliases).toContain("io.kestra.core.tasks.executions.Labels");
  });

  it("requires labels and rejects other shapes", () => {
    expect(plugin.properties.safeParse({}).success).toBe(false);
    expect(plugin.properties.safeParse({ labels: 42 }).success).toBe(false);
    expect(plugin.properties.safeParse({ labels: [{ name: "a", value: "b" }] }).success).toBe(false);
  });
});

const flow = (source: string): Flow => flowOf(source);

function run(source: string, options: RunOptions = {}) {
  const host = localHost();
  return host.run(flow(source), options);
}

const labelsOf = (execution: Execution) => execution.labels.map(({ key, value }) => `${key}=${value}`);

describe("Labels on the local host", () => {
  it("replaces existing keys in place and appends new ones, from a JSON string, a map and a list", async () => {
    const { execution } = await run(
      `id: labels
namespace: company.team
labels:
  team: core
  env: dev
tasks:
  - id: json
    type: io.kestra.plugin.core.execution.Labels
    labels: "{{ inputs.json }}"
  - id: map
    type: io.kestra.plugin.core.execution.Labels
    labels:
      "{{ inputs.key }}": "{{ inputs.value }}"
      team: "{{ labels.team ~ '-' ~ taskrun.id }}"
  - id: list
    type: io.kestra.plugin.core.execution.Labels
    labels:
      - key: env
        value: prod
      - key: env
        value: staging
  - id: seen
    type: io.kestra.plugin.core.debug.Return
    format: "{{ labels.team }} {{ labels.env }} {{ labels.fromJson }}"
`,
      {
        inputs: { json: '{"fromJson": "yes", "owner": 7}', key: "added", value: "byMap" },
        labels: [{ key: "run", value: "1" }],
      },
    );
    expect(execution.state.current).toBe("SUCCESS");
    const mapRun = execution.taskRunList.find((r) => r.taskId === "map");
    expect(labelsOf(execution)).toEqual([
      `team=core-${mapRun?.id}`,
      "env=staging",
      "run=1",
      `system.correlationId=${execution.id}`,
      "fromJson=yes",
      "owner=7",
      "added=byMap",
    ]);
    expect(execution.taskRunList.at(-1)?.outputs).toEqual({ value: `core-${mapRun?.id} staging yes` });
    expect(execution.taskRunList.map((r) => [r.state.current, r.attempts?.length, r.outputs])).toEqual([
      ["SUCCESS", 1, null],
      ["SUCCESS", 1, null],
      ["SUCCESS", 1, null],
      ["SUCCESS", 1, { value: `core-${mapRun?.id} staging yes` }],
    ]);
  });

  it("stringifies raw typed values the Java way and writes a map value as JSON", async () => {
    const { execution } = await run(`id: typed
namespace: company.team
tasks:
  - id: set
    type: io.kestra.plugin.core.execution.Labels
    labels:
      pi: 3.14
      yes: true
      answer: 42
      nested:
        a: "{{ 1 + 1 }}"
`);
    expect(execution.state.current).toBe("SUCCESS");
    expect(labelsOf(execution)).toEqual([
      `system.correlationId=${execution.id}`,
      "pi=3.14",
      "yes=true",
      "answer=42",
      'nested={"a":2}',
    ]);
  });

  it("fails the task, and leaves the labels alone, for a system label", async () => {
    const { execution, logs } = await run(`id: system
namespace: company.team
tasks:
  - id: set
    type: io.kestra.plugin.core.execution.Labels
    labels:
      ok: fine
      system.readOnly: "true"
`);
    expect(execution.state.current).toBe("FAILED");
    expect(execution.taskRunList[0]?.state.current).toBe("FAILED");
    expect(labelsOf(execution)).toEqual([`system.correlationId=${execution.id}`]);
    expect(logs.map((l) => l.message)).toContain(
      "System labels can only be set by Kestra itself, offending label: system.readOnly=true",
    );
  });

  it("fails on a string that is not a JSON map, and on map keys that render alike", async () => {
    const notJson = await run(`id: bad
namespace: company.team
tasks:
  - id: set
    type: io.kestra.plugin.core.execution.Labels
    labels: "team=data"
`);
    expect(notJson.execution.state.current).toBe("FAILED");
    expect(
      notJson.logs.some((l) => l.level === "ERROR" && l.message.startsWith("Labels must render to a JSON map")),
    ).toBe(true);
    const twice = await run(`id: twice
namespace: company.team
tasks:
  - id: set
    type: io.kestra.plugin.core.execution.Labels
    labels:
      "{{ 'k' }}": a
      k: b
`);
    expect(twice.execution.state.current).toBe("FAILED");
    expect(twice.logs.map((l) => l.message)).toContain("Duplicate key k (attempted merging values a and b)");
  });
});
