import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { JDouble, javaClassName, printValue } from "../values.js";
import fromIon from "./from-ion.js";
import fromJson from "./from-json.js";
import json from "./json.js";
import { callFunction } from "./support/seeded-stores.js";
import yaml from "./yaml.js";

describe("fromJson (function-fromJson cases)", () => {
  it("parses nested objects and lists", () => {
    const value = callFunction(fromJson, ['{"test1": [{"test1": 666}, 2, 3], "test2": 2, "test3": 3}']) as {
      test1: { test1: number }[];
    };
    expect(value.test1[0]?.test1).toBe(666);
    expect(callFunction(fromJson, ["[1, 2, 3]"])).toEqual([1, 2, 3]);
  });

  it("prints like Kestra: key order kept, empty objects, doubles", () => {
    expect(printValue(callFunction(fromJson, ['{"empty_object":{}}']))).toBe('{"empty_object":{}}');
    expect(printValue(callFunction(fromJson, ['{"z": 1, "a": 2}']))).toBe('{"z":1,"a":2}');
    expect(printValue(callFunction(fromJson, ["1.50"]))).toBe("1.5");
    expect(printValue(callFunction(fromJson, ["1.0"]))).toBe("1.0");
  });

  it("keeps Java number types", () => {
    expect(javaClassName(callFunction(fromJson, ["1"]))).toBe("java.lang.Integer");
    expect(javaClassName(callFunction(fromJson, ["3000000000"]))).toBe("java.lang.Long");
    expect(callFunction(fromJson, ["9007199254740993"])).toBe(9007199254740993n);
    expect(javaClassName(callFunction(fromJson, ["1e2"]))).toBe("java.lang.Double");
    expect(callFunction(fromJson, ["42"])).toBe(42);
  });

  it("null gives null and null fields stay", () => {
    expect(callFunction(fromJson, [null])).toBeNull();
    expect(callFunction(fromJson, ['{"a": null}'])).toEqual({ a: null });
  });

  it("named argument and the deprecated json alias", () => {
    expect(callFunction(fromJson, [], { json: "[1]" })).toEqual([1]);
    expect((callFunction(json, ['{"test1": 1, "test2": 2, "test3": 3}']) as { test1: number }).test1).toBe(1);
  });

  it("fails like Kestra", () => {
    expect(() => callFunction(fromJson, [])).toThrow("The 'fromJson' function expects an argument 'json'");
    expect(() => callFunction(fromJson, [5n])).toThrow(
      "The 'fromJson' function expects an argument 'json' with type string",
    );
    expect(() => callFunction(fromJson, ["{not json"])).toThrow("Invalid json:");
    expect(() => callFunction(fromJson, [""])).toThrow("Invalid json: No content to map due to end-of-input");
  });

  it("follows Jackson's syntax rules", () => {
    expect(callFunction(fromJson, ["[1] trailing"])).toEqual([1]);
    expect(callFunction(fromJson, ["1 2"])).toBe(1);
    expect(callFunction(fromJson, ['{"a":1,"a":2,"b":3}'])).toEqual({ a: 2, b: 3 });
    expect(Object.keys(callFunction(fromJson, ['{"__proto__": 1}']) as object)).toEqual(["__proto__"]);
    for (const bad of ["01", "[1,]", "{'a':1}", "NaN", '"a\nb"', "1x", "[1.]", "tru", "truex"]) {
      expect(() => callFunction(fromJson, [bad]), bad).toThrow("Invalid json:");
    }
    expect(callFunction(fromJson, ['"\\u00e9\\n"'])).toBe("é\n");
  });
});

describe("yaml (function-yaml cases)", () => {
  const doc =
    '# comment\nstring: string\nint: 123\nbool: true\nfloat: 1.23\ninstant: "1918-02-24T00:00:00Z"\ndate: "1991-08-20"\ntime: "23:59:59"\nduration: "PT5M6S"\n\'null\':\nobject:\n  key: "value"\n  child:\n    key: "value"\narray:\n  - string\n';

  it("reads Kestra's test document", () => {
    const value = callFunction(yaml, [doc]) as Record<string, unknown>;
    expect(value.string).toBe("string");
    expect(value.int).toBe(123);
    expect(javaClassName(value.int)).toBe("java.lang.Integer");
    expect(value.bool).toBe(true);
    expect(value.float).toBe(1.23);
    expect(value.instant).toBe("1918-02-24T00:00:00Z");
    expect(value.null).toBeNull();
    expect((value.object as { child: { key: string } }).child.key).toBe("value");
    expect(value.array).toEqual(["string"]);
  });

  it("inline collections and YAML 1.1 scalars", () => {
    expect(printValue((callFunction(yaml, ["a: [1, 2]"]) as { a: unknown }).a)).toBe("[1,2]");
    expect(callFunction(yaml, ["v: yes"])).toEqual({ v: true });
    expect(callFunction(yaml, ["v: y\nn: off\ndate: 1991-08-20\nf: 1.0\n<<: x"])).toEqual({
      v: "y",
      n: false,
      date: "1991-08-20",
      f: new JDouble(1),
      "<<": "x",
    });
    expect(callFunction(yaml, ["big: 12345678901234567890"])).toEqual({ big: 12345678901234567890n });
  });

  it("aliases are expanded and only the first document is read", () => {
    expect(callFunction(yaml, ["a: &x {k: 1}\nb: *x"])).toEqual({ a: { k: 1 }, b: { k: 1 } });
    expect(callFunction(yaml, ["a: 1\n---\nb: 2"])).toEqual({ a: 1 });
  });

  it("fails like Kestra", () => {
    expect(() => callFunction(yaml, ["a: ["])).toThrow("Invalid yaml");
    expect(() => callFunction(yaml, [])).toThrow("The 'yaml' function expects an argument 'yaml'.");
    expect(() => callFunction(yaml, [null])).toThrow(
      "The 'yaml' function expects an argument 'yaml' with type string.",
    );
    expect(() => callFunction(yaml, [""])).toThrow("Invalid yaml: No content");
  });
});

describe("fromIon (function-fromIon cases)", () => {
  it("reads the first value", () => {
    expect(callFunction(fromIon, ["{views:109787}"])).toEqual({ views: 109787 });
    expect(callFunction(fromIon, [null])).toBeNull();
    expect(callFunction(fromIon, [""])).toBeNull();
    expect(callFunction(fromIon, ["1 2 3"])).toBe(1);
  });

  it("allRows returns every value", () => {
    expect(callFunction(fromIon, ["{a:1}\n{a:2}"], { allRows: true })).toEqual([{ a: 1 }, { a: 2 }]);
    expect(callFunction(fromIon, ["$ion_1_0 {a:1}"], { allRows: true })).toEqual([{ a: 1 }]);
  });

  it("covers the Ion text types", () => {
    const value = callFunction(fromIon, [
      `{ s: "a\\tb", sym: abc, q: 'quoted sym', 'f n': 1, long: '''one''' '''two''', i: -0x1F, b: 0b101,
         u: 1_000, big: 123456789012345678901234567890, d: 1.50, d2: 2d1, e: 1.5e3, n: null.int, t: true,
         l: [1, 2,], sx: (a + b), nested: { x: [ { y: null } ] }, inf: +inf, blob: {{ aGVsbG8= }}, clob: {{ "hi" }},
         ann: foo::bar::42 } // comment`,
    ]) as Record<string, unknown>;
    expect(value).toMatchObject({
      s: "a\tb",
      sym: "abc",
      q: "quoted sym",
      "f n": 1,
      long: "onetwo",
      i: -31,
      b: 5,
      u: 1000,
      big: 123456789012345678901234567890n,
      d: 1.5,
      d2: new JDouble(20),
      e: new JDouble(1500),
      n: null,
      t: true,
      l: [1, 2],
      sx: ["a", "+", "b"],
      nested: { x: [{ y: null }] },
      inf: Number.POSITIVE_INFINITY,
      blob: "aGVsbG8=",
      clob: "aGk=",
      ann: 42,
    });
  });

  it("maps timestamps like Kestra's Ion parser", () => {
    const value = callFunction(fromIon, [
      '{a: 2024-01-02T03:04:05.123456Z, b: 2024-01-02, c: 2024-01-02T00:00Z, d: 2024-01-02T10:00+08:00, e: Instant::"2024-01-02T03:04:05Z", f: LocalDateTime::"2024-01-02T03:04:05"}',
    ]) as Record<string, unknown>;
    expect(value.a).toEqual(Temporal.Instant.from("2024-01-02T03:04:05.123Z"));
    expect(printValue(value.b)).toBe("2024-01-02");
    expect(value.c).toBeInstanceOf(Temporal.PlainDate);
    expect(printValue(value.d)).toBe("2024-01-02T10:00+08:00");
    expect(printValue(value.e)).toBe("2024-01-02T03:04:05Z");
    expect(value.f).toBeInstanceOf(Temporal.PlainDateTime);
  });

  it("fails like Kestra", () => {
    expect(() => callFunction(fromIon, [])).toThrow("The 'fromIon' function expects an argument 'ion'");
    expect(() => callFunction(fromIon, ["{not: ion"])).toThrow("Invalid ion");
    expect(() => callFunction(fromIon, [1n])).toThrow("with type string");
    for (const bad of ['"open', "[1 2]", "{a 1}", "2024-13-01", "1x"]) {
      expect(() => callFunction(fromIon, [bad]), bad).toThrow("Invalid ion");
    }
  });
});
