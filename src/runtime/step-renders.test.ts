import { describe, expect, it } from "vitest";
import { flowOf, localHost } from "../../test/support/flows.js";
import { memoryKvStore } from "../storage/kv-store.js";

const FLOW = `id: kv-conditions
namespace: company.team
tasks:
  - id: check
    type: io.kestra.plugin.core.flow.If
    condition: "{{ kv('mode') == 'fast' }}"
    then:
      - id: fast
        type: io.kestra.plugin.core.debug.Return
        format: "fast {{ kv('mode') }}"
    else:
      - id: slow
        type: io.kestra.plugin.core.debug.Return
        format: slow
  - id: only-slow
    type: io.kestra.plugin.core.debug.Return
    runIf: "{{ kv('mode') == 'slow' }}"
    format: never
  - id: change
    type: io.kestra.plugin.core.kv.Set
    key: mode
    value: slow
  - id: now-slow
    type: io.kestra.plugin.core.debug.Return
    runIf: "{{ kv('mode') == 'slow' }}"
    format: "now {{ kv('mode') }}"
`;

describe("the executor's renders reading storage", () => {
  it("runs If conditions and runIf with kv(), reading the store afresh at each step", async () => {
    const kv = memoryKvStore({ now: () => new Date() });
    await kv.put("company.team", "mode", "fast");
    const { execution, logs } = await localHost({ kv }).run(flowOf(FLOW));
    expect(logs.filter((line) => line.level === "ERROR")).toEqual([]);
    expect(execution.state.current).toBe("SUCCESS");
    const states = Object.fromEntries(execution.taskRunList.map((run) => [run.taskId, run.state.current]));
    expect(states).toEqual({
      check: "SUCCESS",
      fast: "SUCCESS",
      "only-slow": "SKIPPED",
      change: "SUCCESS",
      "now-slow": "SUCCESS",
    });
  });

  it("fails the condition naming the missing key, as a task's render would", async () => {
    const { execution, logs } = await localHost().run(flowOf(FLOW));
    expect(execution.state.current).toBe("FAILED");
    expect(logs.map((line) => line.message).join("\n")).toContain("mode");
  });
});
