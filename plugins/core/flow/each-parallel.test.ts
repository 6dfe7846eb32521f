import { describe, expect, it } from "vitest";
import eachParallel from "./each-parallel.js";

const task = { id: "a", type: "io.kestra.plugin.core.debug.Return", format: "{{ taskrun.value }}" };
const parse = (value: unknown) => eachParallel.properties.safeParse(value);

describe("EachParallel", () => {
  it("is deprecated in favour of ForEach and keeps its legacy name", () => {
    expect(eachParallel.type).toBe("io.kestra.plugin.core.flow.EachParallel");
    expect(eachParallel.aliases).toContain("io.kestra.core.tasks.flows.EachParallel");
    expect(eachParallel.deprecated).toMatch(/ForEach/);
  });

  it("takes `value` as a list of strings or integers (each-parallel-*.yml); concurrent defaults to 0", () => {
    expect(parse({ value: [1, 2, 3], tasks: [task] }).data).toEqual({ value: [1, 2, 3], concurrent: 0, tasks: [task] });
    expect(parse({ value: ["toto", "tata"], concurrent: 2, tasks: [task], errors: [task] }).success).toBe(true);
    expect(parse({ value: "{{ range(1, 9) }}", tasks: [task] }).success).toBe(true);
  });

  it("requires value and a non-empty task list", () => {
    expect(parse({ tasks: [task] }).success).toBe(false);
    expect(parse({ value: [1], tasks: [] }).error?.issues[0]?.message).toBe("must not be empty");
    expect(parse({ value: 3, tasks: [task] }).success).toBe(false);
  });
});
