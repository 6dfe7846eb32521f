import { describe, expect, it } from "vitest";
import plugin from "./echo.js";

describe("Echo", () => {
  it("is deprecated in favour of Log and keeps the legacy alias", () => {
    expect(plugin.deprecated).toMatch(/io\.kestra\.plugin\.core\.log\.Log/);
    expect(plugin.aliases).toContain("io.kestra.core.tasks.debugs.Echo");
  });

  it("logs at INFO by default and accepts a level", () => {
    expect(plugin.properties.parse({ format: "task 1" })).toEqual({ format: "task 1", level: "INFO" });
    expect(plugin.properties.safeParse({ format: "x", level: "WARN" }).success).toBe(true);
    expect(plugin.properties.safeParse({ format: "x", level: "LOUD" }).success).toBe(false);
  });
});
