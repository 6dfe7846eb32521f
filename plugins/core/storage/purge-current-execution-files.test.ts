import { describe, expect, it } from "vitest";
import { MemoryBlobStore } from "../../../src/storage/internal.js";
import { putText, TEST_EXECUTION, testTask } from "../../../test/support/task-context.js";
import plugin from "./purge-current-execution-files.js";

describe("storage.PurgeCurrentExecutionFiles", () => {
  it("takes Kestra 1.x's two flags only and keeps the PurgeExecution aliases", () => {
    expect(plugin.properties.parse({})).toEqual({ includeChildExecutions: false, includeStates: false });
    expect(plugin.properties.safeParse({ includeChildExecutions: true, includeStates: "{{ true }}" }).success).toBe(
      true,
    );
    expect(plugin.properties.safeParse({ uri: "kestra:///f" }).success).toBe(false);
    expect(plugin.aliases).toEqual([
      "io.kestra.core.tasks.storages.PurgeExecution",
      "io.kestra.plugin.core.storage.PurgeExecution",
    ]);
  });

  it("outputs the deleted uris", () => {
    expect(plugin.outputs?.safeParse({ uris: ["kestra:///a"] }).success).toBe(true);
  });
});

describe("storage.PurgeCurrentExecutionFiles run", () => {
  it("deletes every file of the current execution and lists them, leaving other executions' files", async () => {
    const store = new MemoryBlobStore();
    const input = await store.put("/company/team/flow/executions/exec1/inputs/file/data.csv", new Uint8Array([1]));
    const output = await putText(store, "out.txt", "x");
    const other = await putText(store, "out.txt", "y", { ...TEST_EXECUTION, id: "exec10" });
    const { outputs } = (await testTask(plugin, {}, { store }).run()) ?? {};
    expect(outputs).toEqual({ uris: [input, output].sort() });
    expect(await store.list("kestra:///company/team/flow/executions/exec1/")).toEqual([]);
    expect(await store.get(other)).toBeDefined();
  });

  it("succeeds with nothing to delete", async () => {
    expect(await testTask(plugin, {}).outputs()).toEqual({ uris: [] });
  });
});
