import { describe, expect, it } from "vitest";
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
});
