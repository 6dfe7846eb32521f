import { describe, expect, it } from "vitest";
import { MemoryBlobStore } from "../../../src/storage/internal.js";
import { putText, TEST_EXECUTION, testTask } from "../../../test/support/task-context.js";
import plugin from "./delete.js";

describe("storage.Delete", () => {
  it("requires a uri and does not fail on a missing file by default", () => {
    expect(plugin.properties.parse({ uri: "{{ outputs.download.uri }}" })).toEqual({
      uri: "{{ outputs.download.uri }}",
      errorOnMissing: false,
    });
    expect(plugin.properties.safeParse({ errorOnMissing: true }).success).toBe(false);
    expect(plugin.aliases).toContain("io.kestra.core.tasks.storages.Delete");
  });

  it("outputs uri and deleted", () => {
    expect(plugin.outputs?.safeParse({ uri: "kestra:///f", deleted: false }).success).toBe(true);
  });
});

describe("storage.Delete run", () => {
  it("deletes a file, then reports it gone (Kestra's DeleteTest)", async () => {
    const store = new MemoryBlobStore();
    const uri = await putText(store, "get.yml", "data");
    expect(await testTask(plugin, { uri }, { store }).outputs()).toEqual({ uri, deleted: true });
    expect(await store.get(uri)).toBeUndefined();
    expect(await testTask(plugin, { uri }, { store }).outputs()).toEqual({ uri, deleted: false });
    await expect(testTask(plugin, { uri, errorOnMissing: true }, { store }).run()).rejects.toThrow(
      `Unable to find file '${uri}'`,
    );
  });

  it("deletes a file of the execution that started this one, never one of another execution", async () => {
    const store = new MemoryBlobStore();
    const parent = { namespace: "company.team", flowId: "parent", id: "p1" };
    const parentFile = await putText(store, "in.txt", "p", parent);
    const task = testTask(plugin, { uri: parentFile }, { store, readable: [parent] });
    expect(await task.outputs()).toEqual({ uri: parentFile, deleted: true });
    const other = await putText(store, "x.txt", "x", { ...TEST_EXECUTION, id: "other" });
    await expect(testTask(plugin, { uri: other }, { store }).run()).rejects.toThrow("belongs to another execution");
    expect(await store.get(other)).toBeDefined();
    await expect(
      testTask(plugin, { uri: "kestra:///company/team/flow/executions/exec1/../other/x.txt" }, { store }).run(),
    ).rejects.toThrow("Invalid internal storage URI");
  });
});
