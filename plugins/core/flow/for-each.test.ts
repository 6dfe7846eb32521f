import { describe, expect, it } from "vitest";
import forEach from "./for-each.js";

const task = { id: "a", type: "io.kestra.plugin.core.debug.Return", format: "{{ taskrun.value }}" };
const parse = (value: unknown) => forEach.properties.safeParse(value);

describe("ForEach", () => {
  it("is the flowable Kestra type", () => {
    expect(forEach.type).toBe("io.kestra.plugin.core.flow.ForEach");
    expect(forEach.kind).toBe("flowable");
  });

  it("takes values as a JSON array string, a YAML list or an expression; concurrencyLimit defaults to 1", () => {
    expect(parse({ values: '["value 1", "value 2"]', tasks: [task] }).data).toEqual({
      values: '["value 1", "value 2"]',
      concurrencyLimit: 1,
      tasks: [task],
    });
    expect(parse({ values: [1, "two", { key: "three" }], tasks: [task] }).success).toBe(true);
    expect(parse({ values: "{{ outputs.list.value }}", concurrencyLimit: 0, tasks: [task] }).success).toBe(true);
    expect(parse({ values: [], tasks: [task], errors: [task], finally: [task] }).success).toBe(true);
  });

  it("requires values and a non-empty task list", () => {
    expect(parse({ tasks: [task] }).error?.issues[0]?.message).toBe("must not be null");
    expect(parse({ values: { a: 1 }, tasks: [task] }).error?.issues[0]?.message).toBe(
      "must be a list, a JSON array string or an expression",
    );
    expect(parse({ values: [1], tasks: [] }).error?.issues[0]?.message).toBe("must not be empty");
  });

  it("rejects a negative concurrencyLimit and the EachSequential spelling `value`", () => {
    expect(parse({ values: [1], tasks: [task], concurrencyLimit: -1 }).success).toBe(false);
    expect(parse({ value: [1], tasks: [task] }).success).toBe(false);
  });
});
