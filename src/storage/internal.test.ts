import { describe, expect, it } from "vitest";
import {
  executionIdOf,
  executionPath,
  inExecutionFolder,
  MemoryBlobStore,
  StorageAccessError,
  taskStorage,
} from "./internal.js";

const execution = { namespace: "company.team", flowId: "My Flow", id: "exec1" };
const parent = { namespace: "company", flowId: "parent", id: "exec0" };
const text = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : new TextDecoder().decode(bytes));

describe("MemoryBlobStore", () => {
  it("gives the size of a file and undefined for a missing one", async () => {
    const store = new MemoryBlobStore();
    const uri = await store.put("/a/b/data.csv", new TextEncoder().encode("é,1\n"));
    expect(await store.stat(uri)).toEqual({ size: 5 });
    expect(await store.stat("kestra:///a/b/other.csv")).toBeUndefined();
  });

  it("opens a file as a stream with its size", async () => {
    const store = new MemoryBlobStore();
    const uri = await store.put("/a/file.txt", new TextEncoder().encode("hello"));
    const opened = await store.open(uri);
    expect(opened?.size).toBe(5);
    expect(await new Response(opened?.body).text()).toBe("hello");
    expect(await store.open("kestra:///a/missing.txt")).toBeUndefined();
  });

  it("deletes every file under a prefix and nothing beside it", async () => {
    const store = new MemoryBlobStore();
    const folder = executionPath(execution);
    await store.put(`${folder}/inputs/file/a.txt`, new Uint8Array([1]));
    await store.put(`${folder}/tasks/t/run1/b.txt`, new Uint8Array([2]));
    const sibling = await store.put(`${folder}2/inputs/file/c.txt`, new Uint8Array([3]));
    const other = await store.put("/company/team/other/executions/x/d.txt", new Uint8Array([4]));

    expect(await store.deletePrefix(`kestra://${folder}/`)).toBe(2);
    expect(await store.list(`kestra://${folder}/`)).toEqual([]);
    expect(await store.list("kestra:///")).toEqual([sibling, other].sort());
    expect(await store.deletePrefix(`kestra://${folder}/`)).toBe(0);
  });

  it("refuses to delete the whole storage or a prefix that climbs out", async () => {
    const store = new MemoryBlobStore();
    const kept = await store.put("/a/file.txt", new Uint8Array([1]));
    await expect(store.deletePrefix("kestra:///")).rejects.toThrow(StorageAccessError);
    await expect(store.deletePrefix("kestra:///a/../")).rejects.toThrow(StorageAccessError);
    await expect(store.deletePrefix("/a/")).rejects.toThrow(StorageAccessError);
    expect(await store.list("kestra:///")).toEqual([kept]);
  });
});

describe("execution folders", () => {
  it("places an execution's files under its namespace as a path and its slugified flow id", () => {
    expect(executionPath(execution)).toBe("/company/team/my-flow/executions/exec1");
  });

  it("tells whether a path lies in the folder of the execution or of another allowed one", () => {
    expect(inExecutionFolder("/company/team/my-flow/executions/exec1/inputs/f/a.txt", execution)).toBe(true);
    expect(inExecutionFolder("/company/team/my-flow/executions/exec10/inputs/f/a.txt", execution)).toBe(false);
    expect(inExecutionFolder("/company/parent/executions/exec0/a.txt", execution)).toBe(false);
    expect(inExecutionFolder("/company/parent/executions/exec0/a.txt", execution, [parent])).toBe(true);
  });

  it("reads the execution id a path names, as Kestra's extractExecutionId", () => {
    expect(executionIdOf("/company/team/flow/executions/abc/inputs/f/a.txt")).toBe("abc");
    expect(executionIdOf("/a/executions/first/x/executions/second/f.txt")).toBe("second");
    expect(executionIdOf("/company/team/_files/a.txt")).toBeUndefined();
    expect(executionIdOf("/company/team/flow/executions/abc")).toBeUndefined();
  });
});

describe("taskStorage", () => {
  it("reads files of its execution and of the readable ones, and refuses the others", async () => {
    const store = new MemoryBlobStore();
    const own = await store.put(`${executionPath(execution)}/inputs/f/a.txt`, new TextEncoder().encode("own"));
    const parents = await store.put(`${executionPath(parent)}/tasks/t/r/b.txt`, new TextEncoder().encode("parent"));
    const storage = taskStorage(store, execution, { taskId: "t", taskRunId: "r" }, [parent]);
    expect(await storage.getText(own)).toBe("own");
    expect(text(await storage.get(parents))).toBe("parent");

    const alone = taskStorage(store, execution, { taskId: "t", taskRunId: "r" });
    await expect(alone.get(parents)).rejects.toThrow(/belongs to another execution/);
    await expect(alone.get(`kestra://${executionPath(execution)}/../../x.txt`)).rejects.toThrow(/Invalid/);
  });
});
