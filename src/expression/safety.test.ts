/**
 * Template-injection attempts and resource exhaustion: each fails with an ExpressionError
 * (never a JavaScript value leak, a crash, or a hang).
 */
import { describe, expect, it } from "vitest";
import { ExpressionEngine } from "./engine.js";
import { ExpressionError } from "./errors.js";

const engine = new ExpressionEngine({ limits: { maxOutput: 1_000_000, maxLoopIterations: 100_000 } });
const context = { s: "abc", l: [1, 2], m: { a: 1 }, f: () => "leak" };

function fails(template: string): ExpressionError {
  try {
    engine.render(template, context);
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionError);
    return error as ExpressionError;
  }
  throw new Error(`expected ${template} to fail`);
}

describe("expression safety", () => {
  it.each([
    "{{ s.constructor }}",
    "{{ s.__proto__ }}",
    "{{ m.constructor }}",
    "{{ m.__proto__ }}",
    "{{ m['__proto__'] }}",
    "{{ m['constructor'] }}",
    "{{ l.constructor }}",
    "{{ l['constructor'] }}",
    "{{ m.toString }}",
    "{{ m.hasOwnProperty('a') }}",
    "{{ l.map }}",
    "{{ s.valueOf() }}",
    "{{ prototype }}",
  ])("refuses prototype and constructor access: %s", (template) => {
    expect(fails(template).code).toBe("expression.undefined");
  });

  it("has no syntax to call what an expression returns", () => {
    expect(fails("{{ s.constructor.constructor('return process')() }}").code).toBe("expression.syntax");
  });

  it("does not call functions found in the context", () => {
    expect(fails("{{ f() }}").code).toBe("expression.unknown-function");
    expect(engine.render("{{ f is defined }}", context)).toBe("true");
  });

  it("caps ranges, loops, output and recursion", () => {
    expect(fails("{{ 1..100000000 }}").code).toBe("expression.limit");
    expect(fails("{% for a in 1..1000 %}{% for b in 1..1000 %}x{% endfor %}{% endfor %}").code).toBe(
      "expression.limit",
    );
    expect(fails("{% for a in 1..50000 %}{{ 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' }}{% endfor %}").code).toBe(
      "expression.limit",
    );
    expect(fails("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}").code).toBe("expression.limit");
  });

  it("caps nesting depth and template length without overflowing the stack", () => {
    expect(fails(`{{ ${"(".repeat(10_000)}1${")".repeat(10_000)} }}`).code).toBe("expression.limit");
    expect(fails(`{{ ${"[".repeat(10_000)}${"]".repeat(10_000)} }}`).code).toBe("expression.limit");
    expect(fails(`{{ 1${" + 1".repeat(50_000)} }}`).code).toBe("expression.limit");
    expect(fails(`{{ 'a'${" | upper".repeat(50_000)} }}`).code).toBe("expression.limit");
    expect(fails(`${"{% if true %}".repeat(5_000)}x`).code).toBe("expression.limit");
    expect(fails("x".repeat(2 * 1024 * 1024) + "{{ 1 }}").code).toBe("expression.limit");
  });

  it("reports a self-referencing render as too many attempts", () => {
    const error = (() => {
      try {
        engine.render("{{ render(a) }}", { a: "{{ render(b) }}", b: "{{ render(a) }}" });
      } catch (e) {
        return e as ExpressionError;
      }
      throw new Error("expected failure");
    })();
    expect(error.message).toMatch(/Too many rendering attempts/);
  });
});
