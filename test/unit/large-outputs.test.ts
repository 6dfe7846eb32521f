/**
 * A 20 MB output passes between two tasks on the local host, as it does in the Durable Object
 * (test/workers/execution-object.test.ts, where it is stored in chunks).
 */
import { describe, expect, it } from "vitest";
import { flowOf, localHost } from "../support/flows.js";

describe("large outputs on the local host", () => {
  it("passes a 20 MB output from one task to the next", async () => {
    const kilobyte = "0123456789abcdef".repeat(64);
    const host = localHost();
    const flow = flowOf(`id: big
namespace: company.team
tasks:
  - id: make
    type: io.kestra.plugin.core.debug.Return
    format: "{% for i in range(1, 20480) %}${kilobyte}{% endfor %}"
  - id: measure
    type: io.kestra.plugin.core.debug.Return
    format: "{{ outputs.make.value | length }}"
`);
    const { execution } = await host.run(flow);
    expect(execution.state.current).toBe("SUCCESS");
    expect(execution.taskRunList.find((run) => run.taskId === "measure")?.outputs).toEqual({
      value: String(20480 * 1024),
    });
  });
});
