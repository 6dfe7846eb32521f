import { describe, expect, it } from "vitest";
import plugin from "./get-keys.js";

describe("kv.GetKeys", () => {
  it("lists all keys by default, or those with a prefix", () => {
    expect(plugin.properties.parse({})).toEqual({ namespace: "{{ flow.namespace }}" });
    expect(plugin.properties.safeParse({ prefix: "my_var", namespace: "dev" }).success).toBe(true);
  });

  it("rejects a key property (GetKeys takes a prefix)", () => {
    expect(plugin.properties.safeParse({ key: "a" }).success).toBe(false);
  });

  it("outputs keys", () => {
    expect(plugin.outputs?.safeParse({ keys: ["my_var_1"] }).success).toBe(true);
  });
});
