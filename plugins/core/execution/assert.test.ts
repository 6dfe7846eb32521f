import { describe, expect, it } from "vitest";
import type { Flow } from "../../../src/flow/index.js";
import { flowOf, localHost } from "../../../test/support/flows.js";
import plugin from "./assert.js";

describe("Assert", () => {
  it("requires a list of conditions", () => {
    expect(plugin.properties.safeParse({}).success).toBe(false);
    expect(plugin.properties.safeParse({ conditions: "{{ true }}" }).success).toBe(false);
    expect(
      plugin.properties.safeParse({ conditions: ["{{ inputs.param == 'ok' }}", "{{ 1 + 1 == 3 }}"] }).success,
    ).toBe(true);
  });

  it("accepts an error message", () => {
    expect(plugin.properties.safeParse({ conditions: ["{{ true }}"], errorMessage: "bad data" }).success).toBe(true);
  });
});

const flow = (source: string): Flow => flowOf(source);

function run(source: string, inputs: Record<string, unknown> = {}) {
  const host = localHost();
  return host.run(flow(source), { inputs });
}

const FLOW = `id: assert
namespace: company.team
inputs:
  - id: param
    type: STRING
tasks:
  - id: check
    type: io.kestra.plugin.core.execution.Assert
    conditions:
      - "{{ inputs.param == 'ok' }}"
      - "{{ 1 + 1 == 3 }}"
      - "{{ inputs.param }}"
    errorMessage: "bad data for {{ inputs.param }}"
`;

describe("Assert on the local host", () => {
  it("succeeds without outputs when every condition is truthy", async () => {
    const { execution, logs } = await run(FLOW.replace("1 + 1 == 3", "1 + 1 == 2"), { param: "ok" });
    expect(execution.state.current).toBe("SUCCESS");
    expect(execution.taskRunList[0]?.outputs).toBeNull();
    expect(logs.filter((l) => l.level === "ERROR")).toEqual([]);
  });

  it("fails naming each falsy condition, with the count and the rendered errorMessage", async () => {
    const { execution, logs } = await run(FLOW, { param: "0" });
    expect(execution.state.current).toBe("FAILED");
    expect(execution.taskRunList[0]?.state.current).toBe("FAILED");
    expect(logs.filter((l) => l.level === "ERROR" && l.taskId === "check").map((l) => l.message)).toEqual([
      "Assertion `{{ inputs.param == 'ok' }}` failed!",
      "Assertion `{{ 1 + 1 == 3 }}` failed!",
      "Assertion `{{ inputs.param }}` failed!",
      "3 assertions failed!\nbad data for 0",
    ]);
  });

  it("counts a condition that cannot render as failed, in the singular", async () => {
    const { execution, logs } = await run(`id: assert
namespace: company.team
tasks:
  - id: check
    type: io.kestra.plugin.core.execution.Assert
    conditions:
      - "{{ missing.value }}"
      - "{{ ' false ' }}"
      - "true"
`);
    expect(execution.state.current).toBe("FAILED");
    const errors = logs.filter((l) => l.level === "ERROR").map((l) => l.message);
    expect(errors[0]).toMatch(/^Assertion `\{\{ missing.value \}\}` failed, failed to render `.+`$/);
    expect(errors.slice(1)).toEqual(["Assertion `{{ ' false ' }}` failed!", "2 assertions failed!"]);
  });

  it("says 'assertion' for a single failure and leaves out a missing errorMessage", async () => {
    const { logs } = await run(
      `id: assert
namespace: company.team
tasks:
  - id: check
    type: io.kestra.plugin.core.execution.Assert
    conditions:
      - "{{ '' }}"
`,
    );
    expect(logs.filter((l) => l.level === "ERROR").map((l) => l.message)).toEqual([
      "Assertion `{{ '' }}` failed!",
      "1 assertion failed!",
    ]);
  });
});
