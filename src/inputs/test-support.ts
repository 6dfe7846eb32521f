/**
 * Shared by the input tests: a real engine, flows parsed with the real plugin registry,
 * in-memory storage, a fake host file and a fixed encryption key.
 */
import { Temporal } from "temporal-polyfill";
import { encrypt } from "../expression/functions/support/encryption.js";
import { createEngine } from "../expression/index.js";
import { JFloat, javaFloatString, temporalString } from "../expression/values.js";
import { parseFlow } from "../flow/index.js";
import type { PluginRegistry } from "../plugin/registry.js";
import { javaDurationString } from "./java-time.js";
import { MemoryInputFileStore } from "./memory-store.js";
import type { InputDeclaration, InputDeps } from "./model.js";

export const engine = createEngine();
export const SECRET_KEY = "I6EGNzRESu3X3pKZidrqCGOHQFUFC0yK";
export const LOCAL_FILE = "/tmp/kestra-tests/application-test.yml";
export const LOCAL_CONTENT = new TextEncoder().encode("kestra:\n  test: true\n");

export interface TestDeps extends InputDeps {
  readonly files: MemoryInputFileStore;
}

export function testDeps(overrides: Partial<InputDeps> = {}): TestDeps {
  return {
    engine,
    execution: { id: "test", namespace: "io.kestra.tests", flowId: "inputs" },
    files: new MemoryInputFileStore(),
    readLocalFile: async (path) => (path === LOCAL_FILE ? LOCAL_CONTENT : undefined),
    encryptSecret: (plain) => encrypt(SECRET_KEY, plain) ?? "",
    ...overrides,
  } as TestDeps;
}

/** The inputs of a flow source, parsed as the executor gets them. */
export function flowInputs(source: string, registry: PluginRegistry): InputDeclaration[] {
  const result = parseFlow(source, { registry });
  if (!result.ok) throw new Error(`flow rejected: ${result.issues.map((issue) => issue.message).join("; ")}`);
  return [...(result.flow.inputs ?? [])];
}

/** A minimal flow around input declarations written as YAML. */
export function inputsFlow(inputsYaml: string): string {
  return `id: inputs\nnamespace: io.kestra.tests\ninputs:\n${inputsYaml}\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n`;
}

/** How a typed value prints in Kestra (what the cases' expectations write). */
export function printed(value: unknown): unknown {
  if (value instanceof JFloat) return Number(javaFloatString(value.value));
  if (value instanceof Temporal.Duration) return javaDurationString(value);
  if (value instanceof Temporal.Instant || value instanceof Temporal.PlainDate || value instanceof Temporal.PlainTime) {
    return temporalString(value);
  }
  if (Array.isArray(value)) return value.map(printed);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, printed(item)]));
  }
  return value;
}
