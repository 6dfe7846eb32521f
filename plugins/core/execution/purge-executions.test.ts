import { describe, expect, it } from "vitest";
import { flowOf, localHost } from "../../../test/support/flows.js";
import plugin from "./purge-executions.js";

describe("PurgeExecutions", () => {
  it("requires endDate and purges everything by default", () => {
    expect(plugin.properties.safeParse({}).success).toBe(false);
    expect(plugin.properties.parse({ endDate: "{{ now() | dateAdd(-1, 'MONTHS') }}" })).toMatchObject({
      purgeExecution: true,
      purgeLog: true,
      purgeMetric: true,
      purgeStorage: true,
      batchSize: 100,
    });
  });

  it("checks states and keeps the Purge aliases", () => {
    expect(
      plugin.properties.safeParse({ endDate: "x", states: ["KILLED", "FAILED", "WARNING", "SUCCESS"] }).success,
    ).toBe(true);
    expect(plugin.properties.safeParse({ endDate: "x", states: ["DONE"] }).success).toBe(false);
    expect(plugin.aliases).toEqual(["io.kestra.core.tasks.storages.Purge", "io.kestra.plugin.core.storage.Purge"]);
  });

  it("purges the ended executions of a namespace on the local host, with their logs and files, never itself", async () => {
    const host = localHost();
    const noisy = flowOf(`id: noisy
namespace: company.old
tasks:
  - id: say
    type: io.kestra.plugin.core.log.Log
    message: old news
  - id: keep
    type: io.kestra.plugin.core.storage.LocalFiles
    inputs:
      kept.txt: kept
    outputs:
      - kept.txt
`);
    const first = await host.run(noisy);
    const second = await host.run(noisy);
    const elsewhere = await host.run(
      flowOf(`id: other
namespace: company.other
tasks:
  - id: say
    type: io.kestra.plugin.core.log.Log
    message: stays
`),
    );
    const logsBefore = first.logs.length + second.logs.length;
    expect(logsBefore).toBeGreaterThan(0);
    const purge = await host.run(
      flowOf(`id: purge
namespace: company.old
tasks:
  - id: purge
    type: io.kestra.plugin.core.execution.PurgeExecutions
    namespace: company.old
    endDate: "{{ now() }}"
`),
    );
    expect(purge.execution.state.current).toBe("SUCCESS");
    expect(purge.execution.taskRunList[0]?.outputs).toEqual({
      executionsCount: 2,
      logsCount: logsBefore,
      storagesCount: 2,
      metricsCount: 0,
    });
    expect(() => host.execution(first.execution.id)).toThrow();
    expect(host.execution(elsewhere.execution.id).state.current).toBe("SUCCESS");
    expect(host.execution(purge.execution.id).state.current).toBe("SUCCESS");
  });
});
