/**
 * Kestra's test-only types live in the harness registry only, and every test-only type a
 * case names is either provided or listed with what Tern lacks to run it.
 */
import { describe, expect, it } from "vitest";
import { registry as productRegistry } from "../../../plugins/index.js";
import { encrypt } from "../../../src/expression/functions/support/encryption.js";
import { TaskFailure } from "../../../src/plugin/task-context.js";
import { loadCases } from "../cases.js";
import { matches } from "../expectations.js";
import { TEST_ENCRYPTION_KEY } from "./encrypted.js";
import { harnessRegistry, missingTestOnlyTypes, testOnlyPlugins } from "./index.js";

describe("harness registry", () => {
  it("adds the test-only types to the product's, never to the product", () => {
    for (const plugin of testOnlyPlugins) {
      expect(productRegistry.get(plugin.type)).toBeUndefined();
      expect(harnessRegistry.get(plugin.type)).toBe(plugin);
    }
    expect(harnessRegistry.all().length).toBe(productRegistry.all().length + testOnlyPlugins.length);
  });

  it("resolves the alias types", () => {
    expect(harnessRegistry.canonical("io.kestra.core.runners.test.task.Alias")).toBe(
      "io.kestra.core.runners.test.TaskWithAlias",
    );
    expect(harnessRegistry.canonical("io.kestra.core.runners.test.trigger.Alias")).toBe(
      "io.kestra.core.runners.test.TriggerWithAlias",
    );
  });

  it("provides every test-only type of the cases, or says why not", () => {
    const types = new Set(loadCases().flatMap((testCase) => testCase.testOnlyTypes ?? []));
    for (const type of types) {
      const provided = harnessRegistry.get(type) !== undefined;
      expect(provided !== type in missingTestOnlyTypes, type).toBe(true);
    }
  });
});

describe("Encrypted", () => {
  it("outputs an EncryptedString the test key decrypts", async () => {
    const plugin = harnessRegistry.get("io.kestra.core.tasks.test.Encrypted");
    if (plugin?.category !== "task" || plugin.kind !== "runnable" || !plugin.run) throw new Error("not runnable");
    // The host's RunContext.encrypt with Kestra's test key.
    const context = {
      properties: { format: "Hello World" },
      encrypt: (text: string) => encrypt(TEST_ENCRYPTION_KEY, text),
    };
    const outcome = await plugin.run(context as never);
    const value = outcome?.outputs?.value as { type: string; value: string };
    expect(value.type).toBe("io.kestra.datatype:aes_encrypted");
    expect(value.value).not.toBe("Hello World");
    expect(matches(value.value, { notEquals: "Hello World", decryptsTo: "Hello World" })).toBe(true);
    expect(matches(value.value, { notEquals: "Hello World", decryptsTo: "Bye" })).toBe(false);
    expect(TEST_ENCRYPTION_KEY).toHaveLength(32);
  });
});

describe("DynamicTask", () => {
  const plugin = harnessRegistry.get("io.kestra.core.tasks.test.DynamicTask");
  if (plugin?.category !== "task" || plugin.kind !== "runnable" || !plugin.run) throw new Error("not runnable");
  const run = plugin.run;
  const context = (fail?: boolean) =>
    ({ properties: fail === undefined ? {} : { fail }, taskRunId: "tr1", newId: () => "new-task-id" }) as never;

  it("reports one dynamic task run under its own task run, with a new task id", async () => {
    const outcome = await run(context());
    expect(outcome?.state).toBeUndefined();
    expect(outcome?.dynamicTaskRuns).toEqual([
      { taskId: "new-task-id", parentTaskRunId: "tr1", value: "tr1", state: "SUCCESS" },
    ]);
  });

  it("with fail: true, fails and still reports its dynamic task run, FAILED", async () => {
    const failure = await run(context(true)).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(TaskFailure);
    expect((failure as TaskFailure).message).toBe("Task failed");
    expect((failure as TaskFailure).dynamicTaskRuns).toEqual([
      { taskId: "new-task-id", parentTaskRunId: "tr1", value: "tr1", state: "FAILED" },
    ]);
  });
});

describe("matchers", () => {
  it("check every key of a matcher, and fail on a key they do not know", () => {
    const message = "Unable to emit: Message of size 3 has exceeded the configured limit of 1048576";
    expect(matches(message, { startsWith: "Unable", containsAll: ["Message of size", "1048576"] })).toBe(true);
    expect(matches(message, { startsWith: "Unable", containsAll: ["nope"] })).toBe(false);
    expect(matches(message, { startsWith: "Unable", someNewMatcher: 1 })).toBe(false);
    expect(matches({ a: 1 }, { a: 1 })).toBe(true);
  });
});
