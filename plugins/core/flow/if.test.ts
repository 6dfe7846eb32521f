import { describe, expect, it } from "vitest";
import ifTask from "./if.js";

const log = { id: "a", type: "io.kestra.plugin.core.log.Log", message: "hi" };
const parse = (value: unknown) => ifTask.properties.safeParse(value);

describe("If", () => {
  it("is the flowable Kestra type, with its legacy name", () => {
    expect(ifTask.type).toBe("io.kestra.plugin.core.flow.If");
    expect(ifTask.kind).toBe("flowable");
    expect(ifTask.aliases).toContain("io.kestra.core.tasks.flows.If");
  });

  it("accepts then/else branches around a condition expression (if-condition.yaml, if-without-else.yaml)", () => {
    // biome-ignore lint/suspicious/noThenProperty: `then` is Kestra's property name.
    expect(parse({ condition: "{{inputs.param}}", then: [log], else: [log] }).success).toBe(true);
    // biome-ignore lint/suspicious/noThenProperty: `then` is Kestra's property name.
    expect(parse({ condition: true, then: [log], errors: [log], finally: [log] }).success).toBe(true);
  });

  it("requires a non-empty `then`", () => {
    expect(parse({ condition: "{{ true }}" }).error?.issues[0]?.message).toBe("must not be empty");
    // biome-ignore lint/suspicious/noThenProperty: `then` is Kestra's property name.
    expect(parse({ condition: "{{ true }}", then: [] }).error?.issues[0]).toMatchObject({ path: ["then"] });
  });

  it("rejects a condition that is neither a string nor a boolean, and unknown branches", () => {
    // biome-ignore lint/suspicious/noThenProperty: `then` is Kestra's property name.
    expect(parse({ condition: ["x"], then: [log] }).success).toBe(false);
    // biome-ignore lint/suspicious/noThenProperty: `then` is Kestra's property name.
    expect(parse({ condition: "x", then: [log], otherwise: [log] }).success).toBe(false);
  });

  it("outputs the evaluation result", () => {
    expect(ifTask.outputs.safeParse({ evaluationResult: false }).success).toBe(true);
    expect(ifTask.outputs.safeParse({ evaluationResult: "false" }).success).toBe(false);
  });
});
