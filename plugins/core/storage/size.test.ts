import { describe, expect, it } from "vitest";
import plugin from "./size.js";

describe("storage.Size", () => {
  it("requires a uri", () => {
    expect(plugin.properties.safeParse({ uri: "kestra://long/url/file.txt" }).success).toBe(true);
    expect(plugin.properties.safeParse({}).success).toBe(false);
    expect(plugin.aliases).toContain("io.kestra.core.tasks.storages.Size");
  });

  it("outputs size", () => {
    expect(plugin.outputs?.safeParse({ size: 12 }).success).toBe(true);
  });
});
