import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Temporal } from "temporal-polyfill";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ExpressionError } from "../../../src/expression/errors.js";
import jq from "../../../src/expression/filters/jq.js";
import { createJqEngine, initJq, isJqReady, runJq } from "../../../src/expression/jq.js";
import { testContext } from "../../../src/expression/test-context.js";
import { JDouble, javaClassName, numberKind, printValue } from "../../../src/expression/values.js";
import { kestraFile } from "../../support/kestra.js";

/** `input | jq(expression)` */
function run(input: unknown, expression?: unknown): unknown {
  return jq.apply(input, expression === undefined ? {} : { expression }, testContext());
}

/** Pebble's `first`: the first element of a list, null for an empty one. */
function first(value: unknown): unknown {
  return Array.isArray(value) ? (value[0] ?? null) : value;
}

function list(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Error(`not a list: ${String(value)}`);
  return value;
}

beforeAll(async () => {
  await initJq();
});

interface Case {
  id: string;
  category: string;
  template: string;
  context: Record<string, unknown>;
  expect?: string;
  error?: string;
}

const cases = (parse(kestraFile("expressions.yaml")) as Case[]).filter(
  (c) => c.category === "filter-jq" || c.id === "set-jq-result-index",
);

/**
 * The filter-jq cases of expressions.yaml, each written out as the filter calls its
 * template makes (integer literals in templates are Longs: bigints). Returns what the
 * template prints.
 */
const RUN: Record<string, (context: Record<string, unknown>) => string> = {
  // {{ [1, 2, 3] | jq(".[0]") | first }}
  "jq-list-index-first": () => printValue(first(run([1n, 2n, 3n], ".[0]"))),
  // {{ my_vars | jq(".test[0]") }}
  "jq-returns-list": (c) => printValue(run(c.my_vars, ".test[0]")),
  // {{ vars | jq(".second[]") }}
  "jq-iterate": (c) => printValue(run(c.vars, ".second[]")),
  // {{ vars | jq(".second.string") | first }}
  "jq-string-result-first": (c) => printValue(first(run(c.vars, ".second.string"))),
  // {{ vars | jq(".second.bool") | first }}
  "jq-bool-first": (c) => printValue(first(run(c.vars, ".second.bool"))),
  // {{ vars | jq(".second.list") | first }}
  "jq-list-value-first": (c) => printValue(first(run(c.vars, ".second.list"))),
  // {{ '{"a": {"b": 5}}' | jq('.a.b') | first }}
  "jq-on-json-string-input": () => printValue(first(run('{"a": {"b": 5}}', ".a.b"))),
  // {{ {'a': 1} | jq('.b') }}
  "jq-missing-key-null": () => printValue(run({ a: 1n }, ".b")),
  // [{{ {'a': 1} | jq('.b') | first }}]
  "jq-missing-key-first-empty": () => `[${printValue(first(run({ a: 1n }, ".b")))}]`,
  // {{ {'a': {'b': 1}} | jq('.a') | first }}
  "jq-object-result": () => printValue(first(run({ a: { b: 1n } }, ".a"))),
  // {{ users | jq('[.[] | .name]') | first }}
  "jq-map-construct": (c) => printValue(first(run(c.users, "[.[] | .name]"))),
  // {{ 'not json' | jq('.') }}
  "jq-invalid-json-string-error": () => printValue(run("not json", ".")),
  // {{ [1] | jq }}
  "jq-missing-expression-error": () => printValue(run([1n])),
  // [{{ n | jq('.') }}]
  "jq-null-input": (c) => `[${printValue(run(c.n, "."))}]`,
  // {% set object = vars | jq('.object') %}{{ object[0].key }}
  "set-jq-result-index": (c) => {
    const object = list(run(c.vars, ".object"));
    return printValue((object[0] as Record<string, unknown>).key);
  },
};

describe("jq filter: expressions.yaml", () => {
  it("covers every filter-jq case", () => {
    expect(cases.map((c) => c.id).sort()).toEqual(Object.keys(RUN).sort());
  });

  for (const c of cases) {
    it(`${c.id}: ${c.template}`, () => {
      const render = RUN[c.id];
      if (!render) throw new Error(`no runner for ${c.id}`);
      if (c.error !== undefined) {
        expect(() => render(c.context)).toThrow(ExpressionError);
        expect(() => render(c.context)).toThrow(c.error);
      } else {
        expect(render(c.context)).toBe(c.expect);
      }
    });
  }
});

describe("jq filter", () => {
  it("returns a list of every result, empty when jq outputs nothing", () => {
    expect(run({ a: [1, 2, 3] }, ".a[] | select(. > 1)")).toEqual([2, 3]);
    expect(run({ a: [1, 2, 3] }, "empty")).toEqual([]);
    expect(run({ a: [1, 2, 3] }, ".a | length, add, max")).toEqual([3, 6, 3]);
  });

  it("runs real jq: regexes, reduce, paths, formats, string interpolation", () => {
    const input = {
      users: [
        { name: "ann", age: 31 },
        { name: "bob", age: 25 },
      ],
      id: "foo-123",
    };
    expect(run(input, '.id | test("[0-9]+$"), sub("(?<n>[0-9]+)"; "<\\(.n)>")')).toEqual([true, "foo-<123>"]);
    expect(run(input, "reduce .users[] as $u (0; . + $u.age)")).toEqual([56]);
    expect(run(input, "[.users | sort_by(.age)[] | .name]")).toEqual([["bob", "ann"]]);
    expect(run(input, '[paths(type == "number")]')).toEqual([
      [
        ["users", 0, "age"],
        ["users", 1, "age"],
      ],
    ]);
    expect(run(input, '.users[0] | @base64 "\\(.name)", to_entries[0].key')).toEqual(["YW5u", "name"]);
    expect(run(input, '"\\(.users | length) users"')).toEqual(["2 users"]);
    expect(run(input, "[limit(3; repeat(1))]")).toEqual([[1, 1, 1]]);
    expect(run(input, '.id | ltrimstr("foo-") | tonumber')).toEqual([123]);
  });

  it("accepts the expression by name or as a filter starting with '-'", () => {
    expect(jq.args).toEqual(["expression"]);
    expect(run({ a: 2 }, "-.a")).toEqual([-2]);
    expect(run(null, "-1")).toBeNull();
    expect(run(1, "-1")).toEqual([-1]);
  });

  it("gives null for a null input, even without an expression", () => {
    expect(run(null, ".")).toBeNull();
    expect(run(undefined)).toBeNull();
  });

  it("types numbers as Kestra does: Integer, Long, Double", () => {
    const results = run(
      '{"i": 1, "l": 2147483648, "d": 1.0, "x": 1.5, "big": 9007199254740993, "e": 1e2}',
      ".i, .l, .d, .x, .big, .e, .i + 1, .d + 1, 2147483647 + 1, 1 / 4, 1e20, 1e16 + 0, .x * 2",
    );
    expect(list(results).map((v) => printValue(v))).toEqual([
      "1",
      "2147483648",
      "1.0",
      "1.5",
      "9007199254740993",
      "100.0",
      "2",
      "2",
      "2147483648",
      "0.25",
      "1.0E20",
      "10000000000000000",
      "3",
    ]);
    expect(list(results).map((v) => numberKind(v as number))).toEqual([
      "Integer",
      "Long",
      "Double",
      "Double",
      "Long",
      "Double",
      "Integer",
      "Integer",
      "Long",
      "Double",
      "Double",
      "Long",
      "Integer",
    ]);
  });

  it("keeps context numbers exact and Doubles as Doubles", () => {
    expect(run({ big: 9007199254740993n, long: 5000000000 }, ".big, .long")).toEqual([9007199254740993n, 5000000000n]);
    const [d] = list(run({ d: new JDouble(2) }, ".d"));
    expect(d).toBeInstanceOf(JDouble);
    expect(printValue(d)).toBe("2.0");
    expect(list(run({ d: 0.1, e: 1e-7 }, ".d + .d, .e")).map((v) => printValue(v))).toEqual(["0.2", "1.0E-7"]);
  });

  it("drops null map entries of context values (NON_NULL) but not of JSON strings", () => {
    expect(run({ a: null, b: 1 }, "keys")).toEqual([["b"]]);
    expect(run([null, 1], "length")).toEqual([2]);
    expect(run('{"a": null, "b": 1}', "keys")).toEqual([["a", "b"]]);
    expect(run({ a: null }, '.a, has("a")')).toEqual([null, false]);
  });

  it("parses string input like Jackson's readTree: first value, strict JSON", () => {
    expect(run("1 2", ".")).toEqual([1]);
    expect(run('{"a": 1} trailing', ".a")).toEqual([1]);
    expect(run('"text"', '. + "!"')).toEqual(["text!"]);
    expect(run("  ", ".")).toEqual([null]);
    for (const bad of ["1x", "{'a': 1}", "[1,]", "01", "NaN", '"\\x"', "{", "tru"]) {
      expect(() => run(bad, "."), bad).toThrow(/^Unable to parse jq value '.*' with type 'java.lang.String'/);
    }
  });

  it("converts other inputs as Jackson does: numbers, booleans, dates", () => {
    expect(run(5, ". + 1")).toEqual([6]);
    expect(run(true, "not")).toEqual([false]);
    expect(run({ at: Temporal.Instant.from("2024-01-02T03:04:05Z") }, ".at")).toEqual(["2024-01-02T03:04:05Z"]);
  });

  it("keeps map order, unicode, and own __proto__ keys", () => {
    const [map] = list(run('{"z": 1, "a": "é😀", "__proto__": {"x": 1}}', "."));
    expect(Object.keys(map as object)).toEqual(["z", "a", "__proto__"]);
    expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
    expect(map).toEqual(JSON.parse('{"z": 1, "a": "é😀", "__proto__": {"x": 1}}'));
    expect(run({ s: "a\ud800b" }, ".s")).toEqual(["a\ufffdb"]);
    expect(run({ s: 'quote " backslash \\ newline \n' }, ".s")).toEqual(['quote " backslash \\ newline \n']);
  });

  it("reports jq compile and runtime errors with Kestra's message and jq's", () => {
    expect(() => run({ a: 1 }, ".a.b")).toThrow(
      "Unable to parse jq value '{a=1}' with type 'java.util.LinkedHashMap': jq: error: Cannot index number with string (\"b\")",
    );
    expect(() => run([1], 'error("boom")')).toThrow("with type 'java.util.ArrayList': jq: error: boom");
    expect(() => run([1], "foo(")).toThrow(/jq: error: syntax error/);
    expect(() => run([1], "undefined_function")).toThrow(/undefined_function\/0 is not defined/);
    expect(() => run([1], '"stop" | halt_error')).toThrow(/: stop$/);
    expect(() => run([1], "1, error")).toThrow(ExpressionError);
    expect(run([1], "debug")).toEqual([[1]]);
  });

  it("rejects a missing or non-string expression", () => {
    expect(() => run([1])).toThrow("The 'jq' filter expects an argument 'expression'.");
    expect(() => run([1], 1n)).toThrow("expects a string 'expression', got java.lang.Long");
    expect(() => run([1], null)).toThrow("Unable to parse jq value '[1]' with type 'java.util.ArrayList'");
  });

  it("returns Kestra's types: List of Map/List/String/Boolean/null", () => {
    const results = list(run({ m: { k: [1, "s", true, null] } }, ".m, .m.k, .m.k[1], .m.k[2], .m.k[3]"));
    expect(results.map(javaClassName)).toEqual([
      "java.util.LinkedHashMap",
      "java.util.ArrayList",
      "java.lang.String",
      "java.lang.Boolean",
      "null",
    ]);
  });
});

describe("jq engine", () => {
  it("is loaded once and shared", async () => {
    expect(isJqReady()).toBe(true);
    await expect(initJq()).resolves.toBe(true);
    expect(runJq(".a", { a: [1] })).toEqual([[1]]);
  });

  it("runs from a WebAssembly.Module the host compiled (the Workers way)", async () => {
    const require = createRequire(import.meta.url);
    const module = await WebAssembly.compile(readFileSync(require.resolve("jq-wasm/jq.wasm")));
    const engine = await createJqEngine(module);
    expect(engine.version).toBe("jq-1.8.2");
    expect(engine.run(".[1]", "[1,2]")).toEqual([2]);
    expect(() => engine.run(".[", "null")).toThrow(ExpressionError);
  });

  it("stays usable across many calls", () => {
    for (let i = 0; i < 500; i++) expect(runJq(". * 2", i)).toEqual([i * 2]);
  });
});
