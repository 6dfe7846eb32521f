import { describe, expect, it } from "vitest";
import { MemoryBlobStore } from "../../../src/storage/internal.js";
import { putText, testTask, textOf } from "../../../test/support/task-context.js";
import plugin from "./concat.js";

describe("storage.Concat", () => {
  it("accepts a list of URIs or an expression, with a .tmp extension by default", () => {
    expect(plugin.properties.parse({ files: ["{{ outputs.a.uri }}", "{{ outputs.b.uri }}"], separator: "\n" })).toEqual(
      {
        files: ["{{ outputs.a.uri }}", "{{ outputs.b.uri }}"],
        separator: "\n",
        extension: ".tmp",
      },
    );
    expect(plugin.properties.safeParse({ files: "{{ outputs.generate_files.outputFiles | jq('.[]') }}" }).success).toBe(
      true,
    );
    expect(plugin.aliases).toContain("io.kestra.core.tasks.storages.Concat");
  });

  it("requires files", () => {
    expect(plugin.properties.safeParse({}).success).toBe(false);
    expect(plugin.properties.safeParse({ files: { a: "b" } }).success).toBe(false);
  });
});

describe("storage.Concat run", () => {
  it("writes each file then the separator, into a new file with the extension", async () => {
    const store = new MemoryBlobStore();
    const a = await putText(store, "a.yml", "one: 1\n");
    const b = await putText(store, "b.yml", "two: 2");
    const task = testTask(
      plugin,
      { files: [a, "{{ second }}"], separator: "\n", extension: ".yml" },
      {
        store,
        variables: { second: b },
      },
    );
    const outputs = await task.outputs<{ uri: string }>();
    expect(outputs.uri).toBe("kestra:///company/team/flow/executions/exec1/tasks/task/run1/f1.yml");
    expect(await textOf(store, outputs.uri)).toBe("one: 1\n\ntwo: 2\n");
  });

  it("reads a string as a JSON list once rendered, with no separator and .tmp by default", async () => {
    const store = new MemoryBlobStore();
    const uris = [await putText(store, "a.txt", "A"), await putText(store, "b.txt", "B")];
    const task = testTask(plugin, { files: "{{ uris }}" }, { store, variables: { uris } });
    const outputs = await task.outputs<{ uri: string }>();
    expect(outputs.uri).toMatch(/\/f1\.tmp$/);
    expect(await textOf(store, outputs.uri)).toBe("AB");
  });

  it("adds the dot an extension lacks", async () => {
    const store = new MemoryBlobStore();
    const task = testTask(plugin, { files: [await putText(store, "a.txt", "A")], extension: "csv" }, { store });
    expect((await task.outputs<{ uri: string }>()).uri).toMatch(/\/f1\.csv$/);
  });

  it("fails on a string that is not a JSON list, and on a file of another execution", async () => {
    const store = new MemoryBlobStore();
    await expect(testTask(plugin, { files: "kestra:///a.txt" }, { store }).run()).rejects.toThrow(
      "Invalid `files` property: 'kestra:///a.txt' is not a JSON list of file URIs",
    );
    const other = await putText(store, "x.txt", "X", { namespace: "company.team", flowId: "flow", id: "other" });
    await expect(testTask(plugin, { files: [other] }, { store }).run()).rejects.toThrow("belongs to another execution");
  });
});
