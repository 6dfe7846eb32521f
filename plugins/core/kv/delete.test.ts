import { describe, expect, it } from "vitest";
import plugin from "./delete.js";

const context = { flowId: "f", namespace: "n", lookup: () => undefined };

describe("kv.Delete", () => {
  it("accepts a key and a namespace", () => {
    expect(plugin.properties.parse({ key: "my_variable", namespace: "dev" })).toEqual({
      key: "my_variable",
      namespace: "dev",
      errorOnMissing: false,
    });
  });

  it("requires a valid key", () => {
    expect(plugin.properties.safeParse({ namespace: "dev" }).success).toBe(false);
    expect(plugin.check?.({ key: "-starts-with-dash" }, context)).toHaveLength(1);
  });

  it("outputs deleted", () => {
    expect(plugin.outputs?.safeParse({ deleted: true }).success).toBe(true);
  });
});
