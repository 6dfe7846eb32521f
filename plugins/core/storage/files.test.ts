import { describe, expect, it } from "vitest";
import { extensionOf, textLines } from "./files.js";

describe("storage files", () => {
  it("splits lines as BufferedReader.readLine does", () => {
    expect(textLines("")).toEqual([]);
    expect(textLines("a\nb\n")).toEqual(["a", "b"]);
    expect(textLines("a\r\nb\rc")).toEqual(["a", "b", "c"]);
    expect(textLines("\n\n")).toEqual(["", ""]);
  });

  it("takes the extension of the last path segment only", () => {
    expect(extensionOf("kestra:///a/b/file.csv")).toBe(".csv");
    expect(extensionOf("kestra:///a.b/file")).toBeUndefined();
    expect(extensionOf("https://x/data.json?v=1.2")).toBe(".json");
    expect(extensionOf("kestra:///a/file.")).toBeUndefined();
  });
});
