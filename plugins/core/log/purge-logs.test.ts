import { describe, expect, it } from "vitest";
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
});
