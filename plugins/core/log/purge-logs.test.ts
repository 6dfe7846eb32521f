import { describe, expect, it } from "vitest";
import { flowOf, localHost } from "../../../test/support/flows.js";
import plugin from "./purge-logs.js";

describe("PurgeLogs", () => {
  it("requires endDate", () => {
    expect(plugin.properties.safeParse({}).success).toBe(false);
    expect(plugin.properties.safeParse({ endDate: "{{ now() | dateAdd(-1, 'MONTHS') }}" }).success).toBe(true);
  });

  it("accepts log levels and filters", () => {
    const result = plugin.properties.safeParse({
      endDate: "2024-01-01T00:00:00Z",
      namespace: "company",
      flowId: "f",
      executionId: "e",
      logLevels: ["TRACE", "DEBUG", "INFO", "WARN"],
    });
    expect(result.success).toBe(true);
    expect(plugin.properties.safeParse({ endDate: "x", logLevels: ["NOISY"] }).success).toBe(false);
  });

  it("deletes the matching lines of every execution on the local host, and counts them", async () => {
    const host = localHost();
    const chatty = flowOf(`id: chatty
namespace: company.logs
tasks:
  - id: info
    type: io.kestra.plugin.core.log.Log
    message: routine
  - id: warn
    type: io.kestra.plugin.core.log.Log
    level: WARN
    message: careful
`);
    const first = await host.run(chatty);
    const second = await host.run(chatty);
    const warnings = (id: string) => host.logs(id).filter((line) => line.level === "WARN").length;
    expect(warnings(first.execution.id)).toBe(1);
    const purge = await host.run(
      flowOf(`id: purge
namespace: company.logs
tasks:
  - id: purge
    type: io.kestra.plugin.core.log.PurgeLogs
    namespace: company.logs
    flowId: chatty
    logLevels: [WARN]
    endDate: "{{ now() }}"
`),
    );
    expect(purge.execution.taskRunList[0]?.outputs).toEqual({ count: 2 });
    expect(warnings(first.execution.id)).toBe(0);
    expect(warnings(second.execution.id)).toBe(0);
    expect(host.logs(first.execution.id).some((line) => line.message === "routine")).toBe(true);
  });
});
