import { describe, expect, it } from "vitest";
import type { TestDefinition } from "../extension.js";
import { testContext } from "../test-context.js";
import { JDouble, JFloat } from "../values.js";
import defined from "./defined.js";
import empty from "./empty.js";
import even from "./even.js";
import iterable from "./iterable.js";
import json from "./json.js";
import map from "./map.js";
import nullTest from "./null.js";
import odd from "./odd.js";

const is = (test: TestDefinition, input: unknown) => test.test(input, {}, testContext());

describe("Pebble and Kestra tests (tests cases)", () => {
  it("defined: the value rule is 'not null'", () => {
    expect(is(defined, 1)).toBe(true);
    expect(is(defined, "")).toBe(true);
    expect(is(defined, null)).toBe(false);
    expect(is(defined, undefined)).toBe(false);
  });

  it("null", () => {
    expect(is(nullTest, null)).toBe(true);
    expect(is(nullTest, "a")).toBe(false);
    expect(is(nullTest, 0)).toBe(false);
  });

  it("empty: null, blank strings, empty lists and maps", () => {
    for (const value of [null, "", "  ", "\t\n", [], {}]) expect(is(empty, value), JSON.stringify(value)).toBe(true);
    for (const value of ["a", 0, false, [null], { a: 1 }, "\u00a0"]) {
      expect(is(empty, value), JSON.stringify(value)).toBe(false);
    }
  });

  it("even and odd take Integers and Longs", () => {
    expect(is(even, 4n)).toBe(true);
    expect(is(odd, 3n)).toBe(true);
    expect(is(even, 7)).toBe(false);
    expect(is(odd, 7)).toBe(true);
    expect(is(even, 2n)).toBe(true);
    expect(is(even, -3n)).toBe(false);
    expect(is(even, 9007199254740993n)).toBe(false);
  });

  it("even and odd fail on null and non-integers", () => {
    expect(() => is(even, null)).toThrow('Can not pass null value to "even" test.');
    expect(() => is(odd, null)).toThrow('Can not pass null value to "odd" test.');
    expect(() => is(even, new JDouble(2))).toThrow("cannot be cast");
    expect(() => is(even, 2.5)).toThrow("class java.lang.Double cannot be cast to class java.lang.Long");
    expect(() => is(odd, new JFloat(1))).toThrow("java.lang.Float cannot be cast");
    expect(() => is(even, "2")).toThrow("java.lang.String cannot be cast");
  });

  it("iterable: lists only", () => {
    expect(is(iterable, [1])).toBe(true);
    expect(is(iterable, "abc")).toBe(false);
    expect(is(iterable, { a: 1 })).toBe(false);
  });

  it("map", () => {
    expect(is(map, { a: 1 })).toBe(true);
    expect(is(map, {})).toBe(true);
    expect(is(map, [])).toBe(false);
    expect(is(map, "a")).toBe(false);
  });

  it("json: Jackson can read a value from the string", () => {
    expect(is(json, "{not json")).toBe(false);
    expect(is(json, "123")).toBe(true);
    expect(is(json, '{"a": [1, 2.5, "x", null, true]}')).toBe(true);
    expect(is(json, "")).toBe(true);
    expect(is(json, '{"a":1} trailing')).toBe(true);
    expect(is(json, "123abc")).toBe(false);
    expect(is(json, "{'a': 1}")).toBe(false);
    expect(() => is(json, 1)).toThrow("class java.lang.Integer cannot be cast to class java.lang.String");
    expect(() => is(json, null)).toThrow('argument "content" is null');
  });
});
