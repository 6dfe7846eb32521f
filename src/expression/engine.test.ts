import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { ExpressionEngine } from "./engine.js";
import { caret, ExpressionError } from "./errors.js";
import { defineFunction } from "./extension.js";

const kv = defineFunction({
  name: "kv",
  args: ["key"],
  call: (args, context) =>
    context.await(
      `kv:${String(args.key)}`,
      async () => (await context.stores.kv?.("ns", String(args.key)))?.value ?? null,
    ),
});
const engine = new ExpressionEngine({ functions: [kv] });

describe("ExpressionEngine", () => {
  it("returns text without braces as it is, without parsing", () => {
    expect(engine.render("no expression here {", {})).toBe("no expression here {");
  });

  it("renders typed values when the template is one expression", () => {
    expect(engine.renderTyped("{{ n + 1 }}", { n: 41 })).toBe(42);
    expect(engine.renderTyped("{{ [1, 'a'] }}", {})).toEqual([1, "a"]);
    expect(engine.renderTyped("{% for i in [1, 2] %}x{% endfor %}", {})).toBe("xx");
    // Kestra's typed writer refuses text mixed with a value; renderValueAsync falls back to text.
    expect(() => engine.renderTyped("n = {{ n }}", { n: 1 })).toThrow(
      "Tried to add java.lang.Integer to java.lang.String",
    );
  });

  it("renders maps and lists recursively", async () => {
    const value = await engine.renderValueAsync(
      { a: "{{ x }}", b: ["{{ x + 1 }}", "plain", 3], c: { d: "{{ 'v' }}", e: "x = {{ x }}" } },
      { x: 1 },
    );
    expect(value).toEqual({ a: 1, b: [2, "plain", 3], c: { d: "v", e: "x = 1" } });
  });

  it("suspends for storage lookups and replays the render with the values", async () => {
    let lookups = 0;
    const stores = {
      kv: async (_ns: string, key: string) => {
        lookups++;
        return { value: key.toUpperCase() };
      },
    };
    expect(await engine.renderAsync("{{ kv('a') }}-{{ kv('b') }}-{{ kv('a') }}", {}, { stores })).toBe("A-B-A");
    expect(lookups).toBe(2);
    expect(() => engine.render("{{ kv('a') }}", {}, { stores })).toThrow();
  });

  it("caches parsed templates", () => {
    const template = engine.parse("{{ x }}");
    expect(engine.parse("{{ x }}")).toBe(template);
  });

  it("reports syntax errors with line, column and a caret", () => {
    const source = "line one\nline {{ 1 + }} two";
    try {
      engine.render(source, {});
      throw new Error("expected a syntax error");
    } catch (error) {
      expect(error).toBeInstanceOf(ExpressionError);
      const e = error as ExpressionError;
      expect([e.code, e.line, e.column]).toEqual(["expression.syntax", 2, 13]);
      expect(caret(source, e.line ?? 0, e.column ?? 0)).toBe("line {{ 1 + }} two\n            ^");
    }
  });

  it("names the missing variable and where it is used", () => {
    expect(() => engine.render("a\n{{ inputs.nope }}", { inputs: {} })).toThrow(
      "Unable to find `nope` used in the expression `a\n{{ inputs.nope }}` at line 2",
    );
  });

  it("uses the given time zone and clock", () => {
    const now = Temporal.Instant.from("2024-05-06T07:08:09Z");
    const clock = defineFunction({ name: "clock", args: [], call: (_args, context) => context.now() });
    const local = new ExpressionEngine({ functions: [clock] });
    expect(local.render("{{ clock() }}", {}, { now: () => now })).toBe("2024-05-06T07:08:09Z");
  });
});
