import { describe, expect, it } from "vitest";
import plugin from "./fetch.js";

describe("Fetch", () => {
  it("accepts the shapes of Kestra's get-log valids", () => {
    expect(plugin.properties.parse({})).toEqual({ level: "INFO" });
    expect(plugin.properties.safeParse({ executionId: "{{execution.id}}" }).success).toBe(true);
    expect(plugin.properties.safeParse({ tasksId: ["task-1"], level: "WARN" }).success).toBe(true);
    expect(plugin.aliases).toContain("io.kestra.core.tasks.log.Fetch");
  });

  it("rejects a bad level or tasksId", () => {
    expect(plugin.properties.safeParse({ level: "VERBOSE" }).success).toBe(false);
    expect(plugin.properties.safeParse({ tasksId: [1] }).success).toBe(false);
  });

  it("outputs size and uri", () => {
    expect(plugin.outputs?.safeParse({ size: 2, uri: "kestra:///a/b.ion" }).success).toBe(true);
  });
});
