import { describe, expect, it } from "vitest";
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
