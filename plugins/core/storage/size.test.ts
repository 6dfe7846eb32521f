import { describe, expect, it } from "vitest";
import { MemoryBlobStore } from "../../../src/storage/internal.js";
import { putText, testTask } from "../../../test/support/task-context.js";
import plugin from "./size.js";

describe("storage.Size", () => {
  it("requires a uri", () => {
    expect(plugin.properties.safeParse({ uri: "kestra://long/url/file.txt" }).success).toBe(true);
    expect(plugin.properties.safeParse({}).success).toBe(false);
    expect(plugin.aliases).toContain("io.kestra.core.tasks.storages.Size");
  });

  it("outputs size", () => {
    expect(plugin.outputs?.safeParse({ size: 12 }).success).toBe(true);
  });
});

describe("storage.Size run", () => {
  it("outputs the size in bytes of a file of the execution", async () => {
    const store = new MemoryBlobStore();
    const uri = await putText(store, "get.yml", "x".repeat(40) + "é");
    expect(await testTask(plugin, { uri: "{{ file }}" }, { store, variables: { file: uri } }).outputs()).toEqual({
      size: 42,
    });
  });

  it("fails on a missing file and on a file of another execution", async () => {
    const store = new MemoryBlobStore();
    const uri = "kestra:///company/team/flow/executions/exec1/nothing.txt";
    await expect(testTask(plugin, { uri }, { store }).run()).rejects.toThrow(`File '${uri}' does not exist`);
    const other = await putText(store, "x", "x", { namespace: "company.team", flowId: "flow", id: "other" });
    await expect(testTask(plugin, { uri: other }, { store }).run()).rejects.toThrow("belongs to another execution");
  });
});
