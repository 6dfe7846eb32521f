import { describe, expect, it } from "vitest";
import localFiles from "./local-files.js";

describe("LocalFiles", () => {
  it("accepts a map of files to write and a list of globs to collect", () => {
    const props = { inputs: { "hello.txt": "Hello", "data.csv": "{{ outputs.x.uri }}" }, outputs: ["*.txt"] };
    expect(localFiles.properties.safeParse(props).success).toBe(true);
  });

  it("refuses non-text file contents and a non-list of globs", () => {
    expect(localFiles.properties.safeParse({ inputs: { "a.txt": ["x"] } }).success).toBe(false);
    expect(localFiles.properties.safeParse({ outputs: { a: 1 } }).success).toBe(false);
  });

  it("is deprecated and keeps its legacy name", () => {
    expect(localFiles.deprecated).toContain("inputFiles");
    expect(localFiles.aliases).toContain("io.kestra.core.tasks.storages.LocalFiles");
  });
});
