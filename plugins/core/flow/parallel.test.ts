import { describe, expect, it } from "vitest";
import parallel from "./parallel.js";

const log = { id: "a", type: "io.kestra.plugin.core.log.Log", message: "hi" };
const parse = (value: unknown) => parallel.properties.safeParse(value);

describe("Parallel", () => {
  it("is the flowable Kestra type, with its legacy name", () => {
    expect(parallel.type).toBe("io.kestra.plugin.core.flow.Parallel");
    expect(parallel.kind).toBe("flowable");
    expect(parallel.aliases).toContain("io.kestra.core.tasks.flows.Parallel");
  });

  it("accepts the shapes Kestra's flows use and defaults concurrent to 0 (no limit)", () => {
    expect(parse({ tasks: [log] }).data).toEqual({ tasks: [log], concurrent: 0 });
    expect(parse({ tasks: [log], concurrent: 3, errors: [log], finally: [log] }).success).toBe(true);
  });

  it("requires a non-empty task list (missing, null and [] all fail, as in invalid-parallel.yaml)", () => {
    for (const value of [{}, { tasks: null }, { tasks: [] }]) {
      expect(parse(value).error?.issues[0]?.message).toBe("must not be empty");
    }
  });

  it("rejects a negative or fractional concurrency and unknown properties", () => {
    expect(parse({ tasks: [log], concurrent: -1 }).success).toBe(false);
    expect(parse({ tasks: [log], concurrent: 1.5 }).success).toBe(false);
    expect(parse({ tasks: [log], parallel: 2 }).success).toBe(false);
  });
});
