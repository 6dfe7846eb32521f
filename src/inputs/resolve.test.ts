import { describe, expect, it } from "vitest";
import { registry } from "../../plugins/index.js";
import { decrypt } from "../expression/functions/support/encryption.js";
import { JFloat } from "../expression/values.js";
import { exceptionMessage, inputErrorBody } from "./messages.js";
import { resolveInputs, resolveInputValues, validateInputs } from "./resolve.js";
import { engine, flowInputs, inputsFlow, SECRET_KEY, testDeps } from "./test-support.js";

const inputs = (yaml: string) => flowInputs(inputsFlow(yaml), registry);

async function firstError(yaml: string, provided: Record<string, unknown>, context?: Record<string, unknown>) {
  const result = await resolveInputs(inputs(yaml), provided, testDeps(context ? { context } : {}));
  const [error] = result.errors;
  if (error === undefined) throw new Error(`expected an error, got ${JSON.stringify(result.values)}`);
  return error.message;
}

describe("typed values", () => {
  it("parses every scalar type from text", async () => {
    const yaml = `
  - { id: i, type: INT }
  - { id: f, type: FLOAT }
  - { id: b, type: BOOL }
  - { id: s, type: SELECT, values: [a, b] }
  - { id: m, type: MULTISELECT, values: [a, b, c] }
  - { id: e, type: EMAIL }
  - { id: y, type: YAML }
  - { id: a, type: ARRAY, itemType: DATE }`;
    const result = await resolveInputs(
      inputs(yaml),
      { i: "-12", f: "42", b: "TRUE", s: "b", m: '["a", "c"]', e: "me@example.com", y: "on: yes", a: '["2024-01-02"]' },
      testDeps(),
    );
    expect(result.errors).toEqual([]);
    expect(result.values.i).toBe(-12);
    expect(result.values.f).toBeInstanceOf(JFloat);
    expect(engine.render("{{ inputs.f }}", { inputs: result.values })).toBe("42.0");
    expect(result.values.b).toBe(true);
    expect(result.values.m).toEqual(["a", "c"]);
    expect(result.values.y).toEqual({ on: true });
    expect(engine.render("{{ inputs.a[0] }}", { inputs: result.values })).toBe("2024-01-02");
  });

  it("encrypts SECRET values with the configured key", async () => {
    const result = await resolveInputs(inputs("  - { id: pass, type: SECRET }"), { pass: "s3cr3t" }, testDeps());
    expect(decrypt(SECRET_KEY, String(result.values.pass))).toBe("s3cr3t");
  });

  it("reports Java's messages for values that do not parse", async () => {
    expect(await firstError("  - { id: i, type: INT }", { i: "3000000000" })).toBe(
      'Invalid input for `i`, For input string: "3000000000", but received `3000000000`',
    );
    expect(await firstError("  - { id: i, type: INT }", { i: 1.5 })).toBe(
      'Invalid input for `i`, For input string: "1.5", but received `1.5`',
    );
    expect(await firstError("  - { id: u, type: URI }", { u: "nope" })).toBe(
      "Invalid input for `u`, Expected `URI` but received `nope`, but received `nope`",
    );
    expect(await firstError("  - { id: e, type: EMAIL }", { e: "nope" })).toBe(
      "Invalid input for `e`, The input must be a valid email, but received `nope`",
    );
    expect(await firstError("  - { id: a, type: ARRAY, itemType: INT }", { a: 5 })).toContain(
      "Expected `ARRAY` but received `5` with errors:\n```\nclass java.lang.Integer cannot be cast to class java.lang.String",
    );
  });

  it("checks FLOAT bounds as Java Floats and prints them the Java way", async () => {
    const yaml = "  - { id: f, type: FLOAT, min: 1, max: 2.5 }";
    expect(await firstError(yaml, { f: "0.5" })).toBe(
      "Invalid input for `f`, it must be more than `1.0`, but received `0.5`",
    );
    expect(await firstError(yaml, { f: "NaN" })).toBe(
      "Invalid input for `f`, it must be less than `2.5`, but received `NaN`",
    );
  });

  it("applies SELECT, ENUM and MULTISELECT choices as Kestra does", async () => {
    expect(await firstError("  - { id: s, type: SELECT, values: [a, b] }", { s: "c" })).toBe(
      "Invalid input for `s`, it must match the values `[a, b]`, but received `c`",
    );
    const lenient = await resolveInputs(
      inputs(`
  - { id: s, type: SELECT, values: [a], allowCustomValue: true }
  - { id: o, type: ENUM, values: [a], required: false }`),
      { s: "x", o: "y" },
      testDeps(),
    );
    expect(lenient).toEqual({ values: { o: "y", s: "x" }, errors: [] });
    expect(await firstError("  - { id: m, type: MULTISELECT, values: [a, b] }", { m: '["a", "z"]' })).toBe(
      'Invalid input for `m`, it must match the values `[a, b]`, but received `["a", "z"]`',
    );
  });

  it("checks FILE extensions when allowedFileExtensions is set", async () => {
    const yaml = "  - { id: doc, type: FILE, allowedFileExtensions: ['.md', '.txt'] }";
    const ok = await resolveInputs(inputs(yaml), { doc: "kestra:///a/b/README.MD" }, testDeps());
    expect(ok.errors).toEqual([]);
    expect(await firstError(yaml, { doc: "kestra:///a/b/run.exe" })).toBe(
      "Invalid input for `doc`, it must have one of the extensions `[.md, .txt]`, but received `kestra:///a/b/run.exe`",
    );
  });
});

describe("defaults", () => {
  it("renders defaults holding Pebble and types them", async () => {
    const result = await resolveInputs(
      inputs(`
  - { id: region, type: STRING, defaults: "{{ flow.namespace }}-eu" }
  - { id: count, type: INT, defaults: "{{ 40 + 2 }}" }
  - { id: list, type: ARRAY, itemType: INT, defaults: [1, 2] }
  - { id: plain, type: STRING, defaults: "no pebble" }`),
      {},
      testDeps({ context: { flow: { namespace: "company.team" } } }),
    );
    expect(result).toEqual({
      values: { count: 42, list: [1, 2], plain: "no pebble", region: "company.team-eu" },
      errors: [],
    });
  });

  it("fails when a default reads what is not there (execution.id in 1.0)", async () => {
    expect(await firstError('  - { id: run, type: STRING, defaults: "{{ execution.id }}" }', {})).toMatch(
      /^Invalid input for `run`, io\.kestra\.core\.exceptions\.IllegalVariableEvaluationException: .*execution.*, but received `null`$/,
    );
  });

  it("validates defaults like provided values, and uses null only for optional inputs", async () => {
    expect(await firstError("  - { id: n, type: INT, min: 5, defaults: 1 }", {})).toBe(
      "Invalid input for `n`, it must be more than `5`, but received `1`",
    );
    expect(await firstError("  - { id: n, type: INT }", { n: null })).toBe(
      "Invalid input for `n`, missing required input, but received `null`",
    );
  });

  it("ignores prefill on the server and picks the first value with autoSelectFirst", async () => {
    const result = await resolveInputs(
      inputs(`
  - { id: p, type: STRING, required: false, prefill: hello }
  - { id: s, type: SELECT, values: [x, y], autoSelectFirst: true }
  - { id: m, type: MULTISELECT, values: [x, y], autoSelectFirst: true }`),
      {},
      testDeps(),
    );
    expect(result).toEqual({ values: { m: ["x"], p: null, s: "x" }, errors: [] });
  });
});

describe("dependsOn and expressions", () => {
  it("drops disabled inputs (and their errors) from the execution", async () => {
    const yaml = `
  - { id: mode, type: SELECT, values: [simple, advanced] }
  - id: level
    type: INT
    dependsOn: { inputs: [mode], condition: "{{ inputs.mode == 'advanced' }}" }`;
    expect(await resolveInputs(inputs(yaml), { mode: "simple" }, testDeps())).toEqual({
      values: { mode: "simple" },
      errors: [],
    });
    expect(await firstError(yaml, { mode: "advanced" })).toBe(
      "Invalid input for `level`, missing required input, but received `null`",
    );
  });

  it("renders a default from its dependencies", async () => {
    const result = await resolveInputs(
      inputs(`
  - id: greeting
    type: STRING
    defaults: "hello {{ inputs.user.name }}"
    dependsOn: { inputs: [user.name] }
  - { id: user.name, type: STRING }`),
      { "user.name": "ada" },
      testDeps(),
    );
    expect(result).toEqual({ values: { greeting: "hello ada", user: { name: "ada" } }, errors: [] });
  });

  it("reports expression problems of SELECT inputs unwrapped", async () => {
    const select = "  - { id: s, type: SELECT, expression: '{{ choices }}' }";
    expect(await firstError(select, {}, { choices: "a,b" })).toBe(
      "Invalid expression result. Expected a list of strings, but received String",
    );
    expect(await firstError(select, {})).toMatch(/^Cannot render 'expression'\. Cause: /);
    const [validated] = await validateInputs(
      inputs(select),
      { s: "b" },
      testDeps({ context: { choices: ["a", "b", null] } }),
    );
    expect(validated).toMatchObject({ value: "b", enabled: true, errors: [] });
    expect(validated?.input.values).toEqual(["a", "b"]);
  });

  it("reports a dependsOn cycle instead of looping (flows with one are refused when parsed)", async () => {
    const resolved = await resolveInputValues(
      [
        { id: "a", type: "STRING", required: true, dependsOn: { inputs: ["b"] } },
        { id: "b", type: "STRING", required: true, dependsOn: { inputs: ["a"] } },
      ],
      { a: "1", b: "2" },
      testDeps(),
    );
    expect(resolved.flatMap((item) => item.errors)).toEqual([
      "Invalid input for `b`, its `dependsOn` inputs form a cycle (a -> b -> a), but received `2`",
    ]);
  });
});

describe("execution inputs", () => {
  it("nests dotted ids and ignores undeclared keys", async () => {
    const result = await resolveInputs(
      inputs(`
  - { id: a.b.c, type: INT }
  - { id: a.d, type: STRING }`),
      { "a.b.c": "1", "a.d": "x", other: "ignored" },
      testDeps(),
    );
    expect(result).toEqual({ values: { a: { b: { c: 1 }, d: "x" } }, errors: [] });
  });

  it("reports ids that collide as an illegal argument", async () => {
    const result = await resolveInputs(
      inputs(`
  - { id: a, type: STRING }
  - { id: a.b, type: STRING }`),
      { a: "x", "a.b": "y" },
      testDeps(),
    );
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.kind).toBe("illegal-argument");
    expect(result.errors[0]?.message).toMatch(/^Conflict at key: /);
    expect(result.errors[0] && inputErrorBody(result.errors[0]).message).toMatch(/^Illegal argument: Conflict at key/);
  });

  it("builds the 422 body of the first error", async () => {
    const result = await resolveInputs(inputs("  - { id: n, type: INT }"), { n: "x" }, testDeps());
    const [error] = result.errors;
    if (!error) throw new Error("expected an error");
    expect(exceptionMessage(error)).toBe('n: Invalid input for `n`, For input string: "x", but received `x`');
    expect(inputErrorBody(error)).toEqual({
      message: 'Invalid entity: n: Invalid input for `n`, For input string: "x", but received `x`',
      _embedded: { errors: [{ message: 'Invalid input for `n`, For input string: "x", but received `x`', path: "n" }] },
    });
  });
});
