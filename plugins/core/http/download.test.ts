import { describe, expect, it } from "vitest";
import plugin from "./download.js";

describe("http.Download", () => {
  it("accepts a uri and fails on empty responses by default", () => {
    expect(plugin.properties.parse({ uri: "https://huggingface.co/datasets/orders.csv" })).toMatchObject({
      method: "GET",
      failOnEmptyResponse: true,
      options: { allowFailed: false },
    });
    expect(plugin.aliases).toContain("io.kestra.plugin.fs.http.Download");
  });

  it("shares Request's properties but not encryptBody", () => {
    expect(
      plugin.properties.safeParse({ uri: "https://x", headers: { a: "b" }, failOnEmptyResponse: false }).success,
    ).toBe(true);
    expect(plugin.properties.safeParse({ uri: "https://x", encryptBody: true }).success).toBe(false);
    expect(plugin.properties.safeParse({}).success).toBe(false);
  });

  it("outputs uri, code, length and headers", () => {
    expect(plugin.outputs?.safeParse({ uri: "kestra:///f.csv", code: 200, length: 10, headers: {} }).success).toBe(
      true,
    );
  });
});
