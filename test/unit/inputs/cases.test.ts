/**
 * Every case of shared/kestra/inputs-cases.yaml (Kestra's own input tests), run against the
 * real flows parsed with the real plugin registry.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { registry } from "../../../plugins/index.js";
import { withDefaultInputs } from "../../../src/inputs/defaults.js";
import { findFileInputExtension, readInputParts } from "../../../src/inputs/files.js";
import { exceptionMessage, inputErrorBody } from "../../../src/inputs/messages.js";
import type { InputDeclaration } from "../../../src/inputs/model.js";
import { resolveInputs, resolveInputValues, validateInputs } from "../../../src/inputs/resolve.js";
import {
  engine,
  flowInputs,
  inputsFlow,
  LOCAL_CONTENT,
  LOCAL_FILE,
  printed,
  type TestDeps,
  testDeps,
} from "../../../src/inputs/test-support.js";
import { KESTRA_DIR } from "../../support/kestra.js";

const KESTRA = KESTRA_DIR;

interface Case {
  id: string;
  flow?: string;
  inputsDefinition?: unknown[];
  provided?: Record<string, unknown> & { override?: Record<string, unknown>; remove?: string[] };
  expectedParsed?: Record<string, unknown>;
  expectedError?: { messageContains?: string; messageEquals?: string; bodyContains?: string[] };
}

const file = parse(readFileSync(join(KESTRA, "inputs-cases.yaml"), "utf8")) as {
  baseInputs: Record<string, unknown>;
  cases: Case[];
};

/** Cases Tern cannot support, with the reason (none so far). */
const UNSUPPORTED: Readonly<Record<string, string>> = {};

function declarations(testCase: Case): InputDeclaration[] {
  if (testCase.flow) return flowInputs(readFileSync(join(KESTRA, "flows", testCase.flow), "utf8"), registry);
  const yaml = JSON.stringify(testCase.inputsDefinition ?? []);
  return flowInputs(inputsFlow(`  ${yaml}`), registry);
}

/** The provided values: the base inputs (with the local file path) plus the case's overrides. */
function provided(testCase: Case): Record<string, unknown> {
  const given = testCase.provided ?? {};
  if (typeof given.base !== "string") {
    return Object.fromEntries(Object.entries(given).filter(([key]) => !key.startsWith("_")));
  }
  const values: Record<string, unknown> = { ...file.baseInputs, file: LOCAL_FILE };
  for (const [key, value] of Object.entries(given.override ?? {})) {
    if (value === null) delete values[key];
    else values[key] = value;
  }
  for (const key of given.remove ?? []) delete values[key];
  return values;
}

/** Checks one expected value against the typed value (annotations like `(Instant)` are dropped). */
function expectValue(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === "string") {
    const text = expected.replace(/ \(.*\)$/s, "");
    expect(String(printed(actual)), path).toBe(text);
  } else if (Array.isArray(expected) || expected === null || typeof expected !== "object") {
    expect(printed(actual), path).toEqual(expected);
  } else if (Object.keys(expected).length === 0) {
    expect(actual, path).toEqual({});
  } else {
    for (const [key, value] of Object.entries(expected)) {
      expectValue((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
    }
  }
}

async function runCase(testCase: Case, deps: TestDeps): Promise<void> {
  const inputs = declarations(testCase);
  const values = provided(testCase);
  const expected = testCase.expectedParsed ?? {};
  switch (testCase.id) {
    case "all-valid": {
      const result = await resolveInputs(inputs, values, deps);
      expect(result.errors).toEqual([]);
      const { secret, file: fileUri, ...rest } = expected;
      expectValue(result.values, rest, "inputs");
      expect(result.values.secret).toEqual(expect.any(String));
      expect(result.values.secret).not.toBe((secret as { notEquals: string }).notEquals);
      expect(result.values.file).toBe(String(fileUri).replace(/ \(.*\)$/s, ""));
      expect(deps.files.get(String(result.values.file))).toEqual(LOCAL_CONTENT);
      return;
    }
    case "typed-values-accepted": {
      const result = await resolveInputs(inputs, { ...values, int: 42, float: 42.42, bool: false }, deps);
      expect(result.errors).toEqual([]);
      expectValue(result.values, expected, "inputs");
      return;
    }
    case "optional-absent-is-null": {
      const result = await resolveInputs(inputs, values, deps);
      expect(result.errors).toEqual([]);
      expect(Object.hasOwn(result.values, "bool")).toBe(true);
      expect(result.values.bool).toBeNull();
      return;
    }
    case "json-empty-object": {
      const result = await resolveInputs(inputs, values, deps);
      expect(result.errors).toEqual([]);
      expect(result.values.json).toEqual({});
      return;
    }
    case "secret-without-encryption-key": {
      const result = await resolveInputs(inputs, values, { ...deps, encryptSecret: undefined });
      expect(result.errors[0]?.input).toBe("secret");
      expect(result.errors[0]?.message).toContain(
        "Unable to use a `SECRET` input/output as encryption is not configured",
      );
      return;
    }
    case "api-invalid-validated-string": {
      const result = await resolveInputs(inputs, values, deps);
      const [first] = result.errors;
      if (first === undefined) throw new Error("expected an error");
      const body = JSON.stringify(inputErrorBody(first));
      for (const fragment of testCase.expectedError?.bodyContains ?? []) expect(body).toContain(fragment);
      return;
    }
    case "api-validate-endpoint": {
      const answer = await validateInputs(inputs, values, deps);
      expect(answer.length).toBeGreaterThan(0);
      expect(answer.every((item) => item.enabled)).toBe(true);
      expect(answer.find((item) => item.input.id === "string")?.value).toBe("myString");
      expect(answer.find((item) => item.input.id === "int")?.errors).toEqual([
        { message: "Invalid input for `int`, missing required input, but received `null`" },
      ]);
      return;
    }
    case "dependson-condition-error": {
      const resolved = await resolveInputValues(inputs, values, deps);
      expect(resolved).toHaveLength(2);
      expect(resolved[1]?.enabled).toBe(false);
      expect(resolved[1]?.errors[0]).toMatch(/^Invalid condition: /);
      return;
    }
    case "file-validate-no-upload": {
      const parts = [["input", new File(["???"], "input")]] as const;
      const data = await readInputParts(parts, inputs, deps, { upload: false });
      const [answer] = await validateInputs(inputs, data, deps);
      expect(answer?.errors).toEqual([]);
      expect(answer?.value).toMatch(/^kestra:\/\/\//);
      expect(deps.files.has(String(answer?.value))).toBe(false);
      return;
    }
    case "file-extension-lookup": {
      expect(findFileInputExtension(inputs, "test-file1")).toBe(".zip");
      expect(findFileInputExtension(inputs, "test-file2")).toBe(".gz");
      expect(findFileInputExtension(inputs, "???")).toBe(".upl");
      return;
    }
    case "default-input-visible-in-runcontext": {
      const inputsOfRun = await withDefaultInputs(inputs, null, deps);
      for (const [template, text] of Object.entries(expected._render as Record<string, string>)) {
        expect(engine.render(template, { inputs: inputsOfRun })).toBe(text);
      }
      return;
    }
  }
  if (testCase.expectedError) {
    const result = await resolveInputs(inputs, values, deps);
    const [first] = result.errors;
    if (first === undefined) throw new Error("expected an error");
    const { messageContains, messageEquals } = testCase.expectedError;
    if (messageEquals !== undefined) expect(exceptionMessage(first)).toBe(messageEquals);
    if (messageContains !== undefined) expect(exceptionMessage(first)).toContain(messageContains);
    return;
  }
  if (expected._renderedValues) {
    const context = (testCase.provided?._context ?? {}) as Record<string, unknown>;
    const [resolved] = await resolveInputValues(inputs, {}, { ...deps, context });
    expect(resolved?.input.values).toEqual(expected._renderedValues);
    return;
  }
  if (expected._resolved) {
    const resolved = await resolveInputValues(inputs, values, deps);
    expect(resolved.map(({ input, value, enabled }) => ({ id: input.id, value, enabled }))).toEqual(expected._resolved);
    expect(resolved.flatMap((item) => item.errors)).toEqual([]);
    return;
  }
  throw new Error(`no check written for case ${testCase.id}`);
}

describe("inputs-cases.yaml", () => {
  it("has cases", () => {
    expect(file.cases.length).toBe(37);
  });

  for (const testCase of file.cases) {
    const reason = UNSUPPORTED[testCase.id];
    it(reason ? `${testCase.id} (unsupported: ${reason})` : testCase.id, async () => {
      if (reason) {
        await expect(runCase(testCase, testDeps())).rejects.toThrow();
        return;
      }
      await runCase(testCase, testDeps());
    });
  }
});
