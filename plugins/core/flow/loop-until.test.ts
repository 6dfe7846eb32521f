import { describe, expect, it } from "vitest";
import loopUntil from "./loop-until.js";

const task = { id: "output_values", type: "io.kestra.plugin.core.output.OutputValues", values: { count: "1" } };
const parse = (value: unknown) => loopUntil.properties.safeParse(value);
const condition = "{{ outputs.output_values.values.count == '4' }}";

describe("LoopUntil", () => {
  it("is the flowable Kestra type and still answers to WaitFor", () => {
    expect(loopUntil.type).toBe("io.kestra.plugin.core.flow.LoopUntil");
    expect(loopUntil.aliases).toContain("io.kestra.plugin.core.flow.WaitFor");
  });

  it("uses the 1.x defaults: no iteration or duration limit, one iteration a minute", () => {
    expect(parse({ condition, tasks: [task] }).data).toEqual({
      condition,
      tasks: [task],
      failOnMaxReached: false,
      checkFrequency: { interval: "PT1M" },
    });
    expect(parse({ condition, tasks: [task], checkFrequency: { maxIterations: 3 } }).data?.checkFrequency).toEqual({
      maxIterations: 3,
      interval: "PT1M",
    });
  });

  it("accepts the waitfor-*.yaml shapes", () => {
    const value = {
      condition,
      failOnMaxReached: true,
      checkFrequency: { maxDuration: "PT5S", interval: "PT0.2S" },
      tasks: [task],
      errors: [task],
      finally: [task],
    };
    expect(parse(value).success).toBe(true);
    expect(parse({ condition, tasks: [task], checkFrequency: { maxIterations: 5, interval: "PT0.2S" } }).success).toBe(
      true,
    );
  });

  it("requires condition and tasks", () => {
    expect(parse({ tasks: [task] }).success).toBe(false);
    expect(parse({ condition }).error?.issues[0]?.message).toBe("must not be null");
  });

  it("rejects bad check frequencies", () => {
    const withFrequency = (checkFrequency: unknown) => parse({ condition, tasks: [task], checkFrequency }).success;
    expect(withFrequency({ maxIterations: 0 })).toBe(false);
    expect(withFrequency({ maxIterations: 2.5 })).toBe(false);
    expect(withFrequency({ interval: "1 minute" })).toBe(false);
    expect(withFrequency({ every: "PT1M" })).toBe(false);
    expect(withFrequency({ maxIterations: "{{ inputs.max }}" })).toBe(true);
  });

  it("outputs the iteration count, starting at 1", () => {
    expect(loopUntil.outputs.safeParse({ iterationCount: 1 }).success).toBe(true);
    expect(loopUntil.outputs.safeParse({ iterationCount: 0 }).success).toBe(false);
  });
});
