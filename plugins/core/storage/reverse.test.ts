import { describe, expect, it } from "vitest";
import { MemoryBlobStore } from "../../../src/storage/internal.js";
import { putText, testTask, textOf } from "../../../test/support/task-context.js";
import plugin from "./reverse.js";

describe("storage.Reverse", () => {
  it("requires from; newline separator and UTF-8 by default", () => {
    expect(plugin.properties.parse({ from: "kestra://long/url/file1.txt" })).toEqual({
      from: "kestra://long/url/file1.txt",
      separator: "\n",
      charset: "UTF-8",
    });
    expect(plugin.properties.safeParse({ charset: "UTF-8" }).success).toBe(false);
    expect(plugin.aliases).toContain("io.kestra.core.tasks.storages.Reverse");
  });

  it("outputs uri", () => {
    expect(plugin.outputs?.safeParse({ uri: "kestra:///r.txt" }).success).toBe(true);
  });
});

describe("storage.Reverse run", () => {
  async function reverse(text: string | Uint8Array, properties: Record<string, unknown> = {}, name = "get.yml") {
    const store = new MemoryBlobStore();
    const from =
      typeof text === "string"
        ? await putText(store, name, text)
        : await store.put(`/company/team/flow/executions/exec1/${name}`, text);
    const { uri } = await testTask(plugin, { from, ...properties }, { store }).outputs<{ uri: string }>();
    return { uri, bytes: (await store.get(uri)) as Uint8Array, text: await textOf(store, uri) };
  }

  it("writes the last line first, keeping the extension (Kestra's ReverseTest)", async () => {
    const { uri, text } = await reverse("1\n2\n3\n");
    expect(uri).toMatch(/\/f1\.yml$/);
    expect(text).toBe("3\n2\n1\n");
  });

  it("reads a last line without a line break, any line break, and writes the separator", async () => {
    expect((await reverse("a\r\nb\rc", { separator: "|" })).text).toBe("c|b|a|");
    expect((await reverse("", {}, "empty")).uri).toMatch(/\/f1\.tmp$/);
  });

  it("reads and writes the charset it is given", async () => {
    const latin1 = Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x0a, 0x74, 0xea, 0x74, 0x65, 0x0a]); // café\ntête\n
    const { bytes } = await reverse(latin1, { charset: "ISO-8859-1" });
    expect([...bytes]).toEqual([0x74, 0xea, 0x74, 0x65, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x0a]);
    await expect(reverse("a", { charset: "EBCDIC" })).rejects.toThrow("Unsupported charset 'EBCDIC'");
  });
});
