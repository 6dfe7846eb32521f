import { describe, expect, it } from "vitest";
import plugin from "./download-files.js";

describe("namespace.DownloadFiles", () => {
  it("accepts a glob or a list of globs", () => {
    expect(plugin.properties.parse({ namespace: "tutorial", files: ["**input.txt"] })).toEqual({
      namespace: "tutorial",
      files: ["**input.txt"],
      destination: "",
    });
    expect(plugin.properties.safeParse({ namespace: "tutorial", files: "**" }).success).toBe(true);
  });

  it("requires a namespace and non-empty files", () => {
    expect(plugin.properties.safeParse({ files: ["**"] }).success).toBe(false);
    expect(plugin.properties.safeParse({ namespace: "tutorial" }).success).toBe(false);
    expect(plugin.properties.safeParse({ namespace: "tutorial", files: [] }).success).toBe(false);
  });

  it("outputs files", () => {
    expect(plugin.outputs?.safeParse({ files: { "/input.txt": "kestra:///input.txt" } }).success).toBe(true);
  });
});
