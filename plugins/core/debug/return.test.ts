import { describe, expect, it } from "vitest";
import plugin from "./return.js";

describe("Return", () => {
  it("accepts a templated format and keeps the legacy alias", () => {
    expect(plugin.properties.safeParse({ format: "{{ task.id }} > {{ taskrun.startDate }}" }).success).toBe(true);
    expect(plugin.aliases).toContain("io.kestra.core.tasks.debugs.Return");
  });

  it("rejects unknown properties and a non-string format", () => {
    expect(plugin.properties.safeParse({ format: "x", invalid: "y" }).success).toBe(false);
    expect(plugin.properties.safeParse({ format: ["a"] }).success).toBe(false);
  });

  it("outputs value", () => {
    expect(plugin.outputs?.safeParse({ value: "hello" }).success).toBe(true);
  });
});
