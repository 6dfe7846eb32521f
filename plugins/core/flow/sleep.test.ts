import { describe, expect, it } from "vitest";
import sleep from "./sleep.js";

const parse = (value: unknown) => sleep.properties.safeParse(value);

describe("Sleep", () => {
  it("is a runnable task run on the host", () => {
    expect(sleep.type).toBe("io.kestra.plugin.core.flow.Sleep");
    expect(sleep.kind).toBe("runnable");
    expect(sleep.runsOn).toBe("host");
  });

  it("takes an ISO-8601 duration or an expression (flow-concurrency-*.yml, get-log-executionid.yaml)", () => {
    expect(parse({ duration: "PT2S" }).success).toBe(true);
    expect(parse({ duration: "PT0.1S" }).success).toBe(true);
    expect(parse({ duration: "{{ inputs.wait }}" }).success).toBe(true);
  });

  it("requires a valid duration", () => {
    expect(parse({}).success).toBe(false);
    expect(parse({ duration: "5 seconds" }).success).toBe(false);
    expect(parse({ duration: 5 }).success).toBe(false);
  });
});
