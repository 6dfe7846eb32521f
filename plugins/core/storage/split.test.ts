import { describe, expect, it } from "vitest";
import plugin from "./split.js";

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
