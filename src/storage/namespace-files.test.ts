import { describe, expect, it } from "vitest";
import { namespaceFilesContract } from "../../test/support/namespace-files-contract.js";
import { memoryNamespaceFiles, namespaceFileMatcher, namespaceFilePath } from "./namespace-files.js";

namespaceFilesContract("memory", (_tenant, blobs) => memoryNamespaceFiles(blobs));

describe("namespace file paths", () => {
  it("makes paths canonical within the namespace", () => {
    expect(namespaceFilePath("a/b.txt")).toBe("/a/b.txt");
    expect(namespaceFilePath("/a//./b.txt")).toBe("/a/b.txt");
    expect(namespaceFilePath("")).toBe("/");
    expect(namespaceFilePath("/")).toBe("/");
    expect(namespaceFilePath("kestra:///company/team/_files/x.py", "company.team")).toBe("/x.py");
    expect(namespaceFilePath("kestra:///company/team/_files", "company.team")).toBe("/");
  });

  it("refuses .., drive letters and other schemes, naming the path", () => {
    expect(() => namespaceFilePath("../x")).toThrow("not using relative '..' path");
    expect(() => namespaceFilePath("a/%2e%2e/x")).toThrow("not using relative '..' path");
    expect(() => namespaceFilePath("D:/data/x")).toThrow("'D:/data/x' is an absolute path outside the namespace files");
    expect(() => namespaceFilePath("s3://bucket/x")).toThrow("Invalid namespace file path 's3://bucket/x'");
    expect(() => namespaceFilePath("kestra:///other/_files/x", "company.team")).toThrow(
      "Invalid Kestra URI. Expected prefix for namespace 'company.team', but was kestra:///other/_files/x.",
    );
  });
});

describe("namespace file patterns (Kestra's PathMatcherPredicate)", () => {
  it("matches bare names at any depth, globs and regexes against the path with its leading /", () => {
    const match = (patterns: string[], path: string) => namespaceFileMatcher(patterns)(path);
    expect(match(["input.txt"], "/input.txt")).toBe(true);
    expect(match(["input.txt"], "/deep/input.txt")).toBe(true);
    expect(match(["**input.txt"], "/a/input.txt")).toBe(true);
    expect(match(["**.upl"], "/a/b.upl")).toBe(true);
    expect(match(["/ignore/**"], "/ignore/4.txt")).toBe(true);
    expect(match(["/ignore/**"], "/a/ignore/4.txt")).toBe(false);
    expect(match(["/*.txt"], "/a/b.txt")).toBe(false);
    expect(match(["glob:/a/*.{py,sh}"], "/a/run.sh")).toBe(true);
    expect(match(["regex:/a/\\d+\\.txt"], "/a/12.txt")).toBe(true);
    expect(match(["regex:/a/\\d+\\.txt"], "/a/x.txt")).toBe(false);
  });
});
