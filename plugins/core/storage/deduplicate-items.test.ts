import { describe, expect, it } from "vitest";
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
