import { describe, expect, it } from "vitest";
import type { FunctionDefinition } from "../extension.js";
import { JDouble, printValue } from "../values.js";
import currentEachOutput from "./current-each-output.js";
import env from "./env.js";
import fetchContext from "./fetch-context.js";
import iterationOutput from "./iteration-output.js";
import max from "./max.js";
import min from "./min.js";
import parentOutput from "./parent-output.js";
import printContext from "./print-context.js";
import range from "./range.js";
import { callFunction } from "./support/seeded-stores.js";
import tasksWithState from "./tasks-with-state.js";

function call(
  definition: FunctionDefinition,
  positional: unknown[],
  variables: Record<string, unknown> = {},
  named: Record<string, unknown> = {},
): unknown {
  return callFunction(definition, positional, named, { variables });
}

describe("max and min (function-max-min cases)", () => {
  it("picks the extreme value and keeps its type", () => {
    expect(call(min, [3n, 7n, 2n])).toBe(2n);
    expect(call(max, [1n, 2.5, 2n])).toBe(2.5);
    expect(call(max, [2n, new JDouble(2)])).toBe(2n);
    expect(call(min, [-1, 5])).toBe(-1);
    expect(call(max, [5n])).toBe(5n);
    expect(call(max, [])).toBeNull();
    expect(call(max, [null, 3n, null, 4n])).toBe(4n);
  });

  it("refuses non-numbers", () => {
    expect(() => call(max, ["a", "b"])).toThrow("invalid operands for mathematical comparison [GREATER_THAN]");
    expect(() => call(min, [1n, "b"])).toThrow("invalid operands for mathematical comparison [LESS_THAN]");
  });
});

describe("range (range cases)", () => {
  it("is inclusive with an optional increment", () => {
    expect(call(range, [1n, 3n])).toEqual([1n, 2n, 3n]);
    expect(call(range, [0n, 10n, 3n])).toEqual([0n, 3n, 6n, 9n]);
    expect(call(range, [5n, 1n, -2n])).toEqual([5n, 3n, 1n]);
    expect(call(range, [5n, 1n])).toEqual([]);
    expect(call(range, [1.7, 3.2])).toEqual([1n, 2n, 3n]);
    expect(printValue(call(range, [1, 3]))).toBe("[1,2,3]");
    expect(call(range, ["a", "e", 2n])).toEqual(["a", "c", "e"]);
  });

  it("fails like Pebble", () => {
    expect(() => call(range, [1n, 5n, 0n])).toThrow("must be different than 0");
    expect(() => call(range, [1n, "b"])).toThrow("Arguments of range function must be of type Number or String");
    expect(() => call(range, ["ab", "c"])).toThrow("with a length of 1");
    expect(() => call(range, [1n, 2n, "x"])).toThrow("The increment of the range function must be a number x");
    expect(() => call(range, [0n, 100_000_000n])).toThrow("limit");
  });
});

describe("currentEachOutput (function-currentEachOutput cases)", () => {
  const outputs = { x: { "1": { value: "x-1" }, "2": { value: "x-2" } } };

  it("walks the parents then the current value", () => {
    const variables = { outputs: { t2: outputs }, parents: [{ taskrun: { value: "x" } }], taskrun: { value: "2" } };
    expect(call(currentEachOutput, [outputs], variables)).toEqual({ value: "x-2" });
    const each = { a: { value: "A" }, b: { value: "B" } };
    expect(call(currentEachOutput, [each], { parents: [], taskrun: { value: "b" } })).toEqual({ value: "B" });
  });

  it("fails like Kestra", () => {
    expect(() => call(currentEachOutput, ["x"], { taskrun: { value: "a" } })).toThrow(
      "The 'currentEachOutput' function expects an argument 'outputs' with type map",
    );
    expect(() => call(currentEachOutput, [])).toThrow("expects an argument 'outputs'.");
    expect(() =>
      call(currentEachOutput, [outputs], { parents: [{ taskrun: { value: "nope" } }], taskrun: { value: "1" } }),
    ).toThrow("No execution outputs for the current task runs path");
  });
});

describe("printContext and fetchContext (function-printContext cases)", () => {
  it("returns the variables in Java HashMap order", () => {
    const variables = { test: "value", array: ["a", "b", "c"] };
    const context = call(printContext, [], variables) as Record<string, unknown>;
    expect(context.test).toBe("value");
    expect(printValue(context.array)).toBe('["a","b","c"]');
    expect((call(fetchContext, [], { a: 1 }) as Record<string, unknown>).a).toBe(1);
    expect(Object.keys(call(printContext, [], { outputs: 1, flow: 2, inputs: 3, vars: 4 }) as object)).toEqual([
      "outputs",
      "inputs",
      "vars",
      "flow",
    ]);
  });
});

describe("env", () => {
  const variables = { envs: { api_url_prod: "https://prod", empty: "" } };

  it("reads envs by a computed name, with a default", () => {
    expect(call(env, ["api_url_prod"], variables)).toBe("https://prod");
    expect(call(env, ["missing"], variables)).toBeNull();
    expect(call(env, ["missing", "localhost"], variables)).toBe("localhost");
    expect(call(env, ["empty", "fallback"], variables)).toBe("fallback");
    expect(call(env, ["x", "d"], {})).toBe("d");
    expect(() => call(env, [])).toThrow("The 'env' function expects an argument 'name'.");
  });
});

describe("tasksWithState", () => {
  const tasks = {
    first: { state: "SUCCESS" },
    each: { a: { state: "FAILED" }, b: { state: "SUCCESS" } },
    odd: { state: { state: "failed" } },
  };

  it("lists the matching tasks, case-insensitively, in HashMap key order", () => {
    const failed = call(tasksWithState, ["failed"], { tasks });
    expect(failed).toEqual([
      { taskId: "each", state: "FAILED", value: "a" },
      { taskId: "odd", state: "FAILED", value: "state" },
    ]);
    expect(printValue(call(tasksWithState, ["SUCCESS"], { tasks }))).toBe(
      '[{"state":"SUCCESS","taskId":"first"},{"state":"SUCCESS","value":"b","taskId":"each"}]',
    );
    expect(call(tasksWithState, ["RUNNING"], {})).toEqual([]);
    expect(() => call(tasksWithState, [])).toThrow("The 'tasksWithState' function expects an argument 'state'.");
  });
});

describe("iterationOutput", () => {
  const outputs = { loop: { a: { value: "A" }, b: { value: "B" }, c: { value: "C" } } };
  const variables = { outputs, task: { id: "loop" }, taskrun: { iteration: 2 }, parents: [] };

  it("returns an iteration's value output", () => {
    expect(call(iterationOutput, [], variables)).toBe("B");
    expect(call(iterationOutput, ["loop", 0n], variables)).toBe("A");
    expect(call(iterationOutput, [outputs.loop, "2"], variables)).toBe("C");
    expect(call(iterationOutput, ["other", 0n], variables)).toBeNull();
    const nested = {
      outputs: { inner: { p: outputs.loop } },
      taskrun: { iteration: 1 },
      parents: [{ taskrun: { value: "p" } }],
    };
    expect(call(iterationOutput, ["inner", 1n], nested)).toBe("B");
  });

  it("fails like Kestra", () => {
    expect(() => call(iterationOutput, [], { taskrun: {} })).toThrow("should be used inside iterative tasks only");
    expect(() => call(iterationOutput, ["loop"], { ...variables, taskrun: { iteration: 0 } })).toThrow(
      "Cannot fetch iteration -1: no previous iteration exists.",
    );
    expect(() => call(iterationOutput, ["loop", 5n], variables)).toThrow(
      "The provided index (5) is out of range. It refers to an iteration whose outputs do not exist yet. Maximum valid index is 2.",
    );
    expect(() => call(iterationOutput, ["loop", 1.5], variables)).toThrow("must be an integer, but got: 1.5");
  });
});

describe("parentOutput", () => {
  const variables = {
    outputs: { outer: { v1: { x: 1 } }, inner: { y: 2 } },
    parent: { task: { id: "inner" } },
    parents: [{ task: { id: "inner" } }, { task: { id: "outer" }, taskrun: { value: "v1" } }],
  };

  it("reads the direct parent or an indexed one", () => {
    expect(call(parentOutput, [], variables)).toEqual({ y: 2 });
    expect(call(parentOutput, [0n], variables)).toEqual({ x: 1 });
    expect(call(parentOutput, [1n], variables)).toEqual({ y: 2 });
    expect(() => call(parentOutput, [2n], variables)).toThrow("Invalid index: 2 for parents size: 2");
    expect(() => call(parentOutput, ["x"], variables)).toThrow("expects an argument 'index' of type integer");
  });
});
