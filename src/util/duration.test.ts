import { describe, expect, it } from "vitest";
import { parseDurationMs } from "./duration.js";

describe("parseDurationMs", () => {
  it("reads java.time.Duration text", () => {
    expect(parseDurationMs("PT5M")).toBe(300_000);
    expect(parseDurationMs("PT1.5S")).toBe(1500);
    expect(parseDurationMs("P1DT2H")).toBe(93_600_000);
    expect(parseDurationMs("-PT1S")).toBe(-1000);
    expect(parseDurationMs("pt10s")).toBe(10_000);
  });

  it("refuses what Java refuses", () => {
    for (const text of ["P1W", "P1M", "PT", "5m", ""]) expect(() => parseDurationMs(text)).toThrow("ISO-8601 duration");
  });
});
