import { describe, expect, it } from "vitest";
import { MemoryBlobStore } from "../../../src/storage/internal.js";
import { ionLine } from "../../../src/storage/ion.js";
import { putText, testTask, textOf } from "../../../test/support/task-context.js";
import plugin from "./deduplicate-items.js";

describe("storage.DeduplicateItems", () => {
  it("requires from and expr", () => {
    expect(
      plugin.properties.safeParse({ from: "{{ outputs.csv_to_ion.uri }}", expr: "{{ customer_email }}" }).success,
    ).toBe(true);
    expect(plugin.properties.safeParse({ from: "kestra:///f" }).success).toBe(false);
    expect(plugin.properties.safeParse({ expr: "{{ a }}" }).success).toBe(false);
    expect(plugin.aliases).toContain("io.kestra.core.tasks.storages.DeduplicateItems");
  });

  it("outputs the file and counters", () => {
    const output = { uri: "kestra:///f.ion", numKeys: 3, processedItemsTotal: 5, droppedItemsTotal: 2 };
    expect(plugin.outputs?.safeParse(output).success).toBe(true);
  });
});

async function deduplicate(items: readonly unknown[], expr: string) {
  const store = new MemoryBlobStore();
  const from = await putText(store, "items.ion", items.map(ionLine).join(""));
  const outputs = await testTask(plugin, { from, expr }, { store }).outputs<{
    uri: string;
    numKeys: number;
    processedItemsTotal: number;
    droppedItemsTotal: number;
  }>();
  return { ...outputs, text: await textOf(store, outputs.uri) };
}

describe("storage.DeduplicateItems run (Kestra's DeduplicateItemsTest)", () => {
  it("keeps the last item of each key, in file order", async () => {
    const values = [
      { key: "k1", value: "v1" },
      { key: "k2", value: "v1" },
      { key: "k3", value: "v1" },
      { key: "k1", value: "v2" },
      { key: "k2", value: "v2" },
      { key: "k2", value: null },
      { key: "k3", value: "v2" },
      { key: "k1", value: "v3" },
    ];
    const result = await deduplicate(values, " {{ key }} ");
    expect(result).toMatchObject({ numKeys: 3, droppedItemsTotal: 5, processedItemsTotal: 8 });
    expect(result.uri).toMatch(/\/f1\.ion$/);
    expect(result.text).toBe('{key:"k2",value:null}\n{key:"k3",value:"v2"}\n{key:"k1",value:"v3"}\n');
  });

  it("uses the whole rendered text as the key", async () => {
    const values = [
      { key: "k1", v1: "k1", v2: "v1" },
      { key: "k2", v1: "k2", v2: "v1" },
      { key: "k3", v1: "k3", v2: "v1" },
      { key: "k1", v1: "k1", v2: "v2" },
      { key: "k2", v1: "k2", v2: null },
      { key: "k3", v1: "k3", v2: "v2" },
      { key: "k1", v1: "k1", v2: "v3" },
    ];
    const result = await deduplicate(values, " {{ key }}-{{ v1 }}");
    expect(result).toMatchObject({ numKeys: 3, droppedItemsTotal: 4, processedItemsTotal: 7 });
    expect(result.text.split("\n")).toHaveLength(4);
  });

  it("fails when the key cannot be rendered, and makes an empty file of an empty one", async () => {
    await expect(deduplicate([{ a: 1 }], "{{ missing }}")).rejects.toThrow("missing");
    expect(await deduplicate([], "{{ a }}")).toMatchObject({ numKeys: 0, processedItemsTotal: 0, text: "" });
  });
});
