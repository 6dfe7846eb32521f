import { describe, expect, it } from "vitest";
import { MemoryBlobStore } from "../../../src/storage/internal.js";
import { putText, testTask, textOf } from "../../../test/support/task-context.js";
import plugin, { readableBytes } from "./split.js";

describe("storage.Split", () => {
  it("accepts each way of splitting", () => {
    for (const extra of [
      { bytes: "10MB" },
      { bytes: 1024 },
      { rows: 1000 },
      { partitions: 8 },
      { regexPattern: "\\[(\\w+)\\]" },
    ]) {
      expect(plugin.properties.safeParse({ from: "kestra://long/url/file1.txt", ...extra }).success).toBe(true);
    }
    expect(plugin.properties.parse({ from: "{{ outputs.a.uri }}" })).toEqual({
      from: "{{ outputs.a.uri }}",
      separator: "\n",
    });
    expect(plugin.aliases).toContain("io.kestra.core.tasks.storages.Split");
  });

  it("requires from and integer counts", () => {
    expect(plugin.properties.safeParse({ rows: 10 }).success).toBe(false);
    expect(plugin.properties.safeParse({ from: "kestra:///f", rows: 1.5 }).success).toBe(false);
  });

  it("outputs uris", () => {
    expect(plugin.outputs?.safeParse({ uris: ["kestra:///a", "kestra:///b"] }).success).toBe(true);
  });
});

/** Kestra's SplitTest content: the numbers 0..count-1 left-padded to 20 characters, one per line. */
function content(count: number): string {
  return Array.from({ length: count }, (_, i) => `${String(i).padStart(20)}\n`).join("");
}

async function split(properties: Record<string, unknown>, text: string, name = "get.yml") {
  const store = new MemoryBlobStore();
  const from = await putText(store, name, text);
  const outputs = await testTask(plugin, { from, ...properties }, { store }).outputs<{ uris: string[] }>();
  const texts = await Promise.all(outputs.uris.map((uri) => textOf(store, uri)));
  return { uris: outputs.uris, texts };
}

describe("storage.Split run (Kestra's SplitTest figures)", () => {
  it("deals 1000 rows into 8 partitions, keeping the extension", async () => {
    const { uris, texts } = await split({ partitions: 8 }, content(1000));
    expect(uris).toHaveLength(8);
    expect(uris.every((uri) => uri.endsWith(".yml"))).toBe(true);
    expect(texts.join("").split("\n")).toHaveLength(1001);
    expect(texts[0]?.startsWith(`${"0".padStart(20)}\n${"8".padStart(20)}\n`)).toBe(true);
  });

  it("cuts 1000 rows into 100 files of 10 rows, in order", async () => {
    const { uris, texts } = await split({ rows: 10 }, content(1000));
    expect(uris).toHaveLength(100);
    expect(texts.join("")).toBe(content(1000));
  });

  it("starts a new file once 1KB is reached: 12288 rows of 21 bytes make 251 files", async () => {
    const { uris, texts } = await split({ bytes: "1KB" }, content(12288));
    expect(uris).toHaveLength(251);
    expect(texts.join("")).toBe(content(12288));
    expect(new TextEncoder().encode(texts[0]).byteLength).toBe(49 * 21);
  });

  it("groups lines by the first capture group in order of appearance, dropping the others", async () => {
    const lines = "[a] 1\n[b] 2\nno match\n[a] 3\n";
    const { texts } = await split({ regexPattern: "\\[(\\w+)\\]" }, lines);
    expect(texts).toEqual(["[a] 1\n[a] 3\n", "[b] 2\n"]);
  });

  it("writes the separator after each line and reads \\r\\n line breaks", async () => {
    const { texts } = await split({ rows: 2, separator: ";" }, "a\r\nb\r\nc");
    expect(texts).toEqual(["a;b;", "c;"]);
  });

  it("names files with .tmp when the source has no extension, and makes none for an empty file", async () => {
    expect((await split({ rows: 1 }, "x\n", "data")).uris[0]).toMatch(/\/f1\.tmp$/);
    expect((await split({ rows: 1 }, "")).uris).toEqual([]);
  });

  it("fails without a way to split, on a size it cannot read and on a bad pattern", async () => {
    await expect(split({}, "a\n")).rejects.toThrow("Invalid configuration with no size, count, rows, nor regexPattern");
    await expect(split({ bytes: "ten" }, "a\n")).rejects.toThrow("Invalid size with value 'ten'");
    await expect(split({ regexPattern: "(" }, "a\n")).rejects.toThrow("Invalid `regexPattern` '('");
  });
});

describe("readableBytes", () => {
  it("reads KB, MB and GB as binary multiples, in any case, and plain numbers", () => {
    expect(readableBytes("100kb")).toBe(102_400);
    expect(readableBytes("10MB")).toBe(10 * 1024 * 1024);
    expect(readableBytes("2Gb")).toBe(2 * 1024 ** 3);
    expect(readableBytes("10")).toBe(10);
    expect(() => readableBytes("1.5MB")).toThrow("Invalid size with value '1.5MB'");
  });
});
