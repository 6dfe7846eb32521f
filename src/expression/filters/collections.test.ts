/** List and map filters beyond the conformance table: Java ordering, HashMap key order, equality. */
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import type { Args, FilterDefinition } from "../extension.js";
import { testContext } from "../test-context.js";
import { JDouble, printValue } from "../values.js";
import abs from "./abs.js";
import chunk from "./chunk.js";
import className from "./class-name.js";
import distinct from "./distinct.js";
import first from "./first.js";
import join from "./join.js";
import keys from "./keys.js";
import last from "./last.js";
import length from "./length.js";
import merge from "./merge.js";
import rsort from "./rsort.js";
import slice from "./slice.js";
import sort from "./sort.js";

const call = (filter: FilterDefinition, input: unknown, args: Args = {}): unknown =>
  filter.apply(input, args, testContext());

describe("sort and rsort", () => {
  it("orders each Java class naturally", () => {
    expect(call(sort, [true, false])).toEqual([false, true]);
    expect(call(sort, [2.5, -0.5])).toEqual([-0.5, 2.5]);
    expect(call(rsort, ["b", "a", "B"])).toEqual(["b", "a", "B"]);
    const later = Temporal.Instant.from("2024-01-02T00:00:00Z");
    const earlier = Temporal.Instant.from("2023-01-02T00:00:00Z");
    expect(call(sort, [later, earlier])).toEqual([earlier, later]);
  });

  it("fails on non-comparable or null elements, but not for a single element", () => {
    expect(() => call(sort, [[1n], [2n]])).toThrow("cannot be cast to class java.lang.Comparable");
    expect(() => call(sort, [1n, null])).toThrow("NullPointerException");
    expect(call(sort, [[1n]])).toEqual([[1n]]);
    expect(() => call(rsort, "cba")).toThrow("cannot be cast to class java.util.List");
  });

  it("does not touch the input list", () => {
    const list = [3n, 1n, 2n];
    call(sort, list);
    expect(list).toEqual([3n, 1n, 2n]);
  });
});

describe("merge", () => {
  it("returns a HashMap in hash order", () => {
    const merged = call(merge, { A: 1n }, { items: { b: 2n, a: 3n } });
    expect(Object.keys(merged as object)).toEqual(["A", "a", "b"]);
    expect(call(className, merged)).toBe("java.util.HashMap");
  });

  it("appends map entries to a list and rejects other combinations", () => {
    expect(printValue(call(merge, [1n], { items: { a: 1n } }))).toBe('[1,{"a":1}]');
    expect(() => call(merge, null, {})).toThrow("The two arguments to be merged are null");
    expect(() => call(merge, [1n], { items: "x" })).toThrow("only Maps and Lists can be merged with a List");
    expect(() => call(merge, { a: 1n }, { items: 2n })).toThrow("only Maps and Lists can be merged with a Map");
    expect(call(merge, [1n], {})).toEqual([1n]);
  });
});

describe("misc collections", () => {
  it("distinct uses Java equals and keeps first occurrences", () => {
    expect(call(distinct, [1, 1n, 1, "1", [1n], [1n]])).toEqual([1, 1n, "1", [1n]]);
    expect(call(distinct, null)).toBe("null");
    expect(() => call(distinct, { a: 1 })).toThrow("Input must be a list, but received : java.util.LinkedHashMap");
  });

  it("chunk validates its size", () => {
    expect(() => call(chunk, [1n], { size: 0n })).toThrow("size must be greater than 0");
    expect(() => call(chunk, [1n])).toThrow("'chunk' filter expects an argument 'size'.");
    expect(() => call(chunk, "abc", { size: 1n })).toThrow("'chunk' filter can only be applied to List");
    expect(call(chunk, [1n, 2n, 3n], { size: 2 })).toEqual([[1n, 2n], [3n]]);
  });

  it("first, last and length on maps and strings", () => {
    expect(() => call(first, { a: 1 })).toThrow("cannot be cast to class java.util.Collection");
    expect(call(last, "abc")).toBe("c");
    expect(() => call(last, "")).toThrow("StringIndexOutOfBoundsException");
    expect(call(length, { a: 1, b: 2 })).toBe(2);
    expect(call(length, "😀")).toBe(2);
    expect(call(length, null)).toBe(0);
  });

  it("join prints null elements as null", () => {
    expect(call(join, ["a", null, 1.5], { separator: "-" })).toBe("a-null-1.5");
    expect(() => call(join, "ab")).toThrow("expects that the input is either a collection or an array");
  });

  it("slice lists, and reports bad indices", () => {
    expect(call(slice, [1n, 2n, 3n], { fromIndex: 1n })).toEqual([2n, 3n]);
    expect(() => call(slice, "abc", { fromIndex: "1" })).toThrow("Argument fromIndex must be a number");
    expect(() => call(slice, 5n, { fromIndex: 0n })).toThrow("Slice filter can only be applied to String, List");
  });

  it("keys of a list are Integers", () => {
    expect(call(className, (call(keys, ["a"]) as unknown[])[0])).toBe("java.lang.Integer");
    expect(() => call(keys, "a")).toThrow("'keys' filter can only be applied to List, Map, Array");
  });

  it("abs keeps the Java type", () => {
    expect(call(abs, -2147483648)).toBe(-2147483648);
    expect(printValue(call(abs, new JDouble(-2)))).toBe("2.0");
    expect(call(abs, -9223372036854775808n)).toBe(-9223372036854775808n);
    expect(() => call(abs, null)).toThrow('Can not pass null value to "abs" filter.');
  });
});
