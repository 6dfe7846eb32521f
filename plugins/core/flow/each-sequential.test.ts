import { describe, expect, it } from "vitest";
import eachSequential from "./each-sequential.js";

const task = { id: "a", type: "io.kestra.plugin.core.debug.Return", format: "{{ taskrun.value }}" };
const parse = (value: unknown) => eachSequential.properties.safeParse(value);

describe("EachSequential", () => {
  it("is deprecated in favour of ForEach and keeps its legacy name", () => {
    expect(eachSequential.type).toBe("io.kestra.plugin.core.flow.EachSequential");
    expect(eachSequential.aliases).toContain("io.kestra.core.tasks.flows.EachSequential");
    expect(eachSequential.deprecated).toMatch(/ForEach/);
  });

  it("takes `value` as a JSON array string or a list (each-sequential*.yaml)", () => {
    expect(parse({ value: '["value 1", "value 2", "value 3"]', tasks: [task] }).success).toBe(true);
    expect(parse({ value: ["s1", "s2", "s3"], tasks: [task], errors: [task], finally: [task] }).success).toBe(true);
  });

  it("requires value and a non-empty task list, and has no concurrency", () => {
    expect(parse({ tasks: [task] }).error?.issues[0]?.message).toBe("must not be null");
    expect(parse({ value: [1], tasks: [] }).success).toBe(false);
    expect(parse({ value: [1], tasks: [task], concurrent: 2 }).success).toBe(false);
  });
});
