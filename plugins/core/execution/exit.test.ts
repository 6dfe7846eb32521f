import { describe, expect, it } from "vitest";
import plugin from "./exit.js";

describe("Exit", () => {
  it("exits in SUCCESS by default", () => {
    expect(plugin.properties.parse({})).toEqual({ state: "SUCCESS" });
  });

  it("accepts Kestra's exit states, spelled CANCELED", () => {
    for (const state of ["SUCCESS", "WARNING", "KILLED", "FAILED", "CANCELED", "{{ inputs.state }}"]) {
      expect(plugin.properties.safeParse({ state }).success, state).toBe(true);
    }
    expect(plugin.properties.safeParse({ state: "CANCELLED" }).success).toBe(false);
    expect(plugin.properties.safeParse({ state: "RUNNING" }).success).toBe(false);
  });
});
