import { describe, expect, it } from "vitest";
import plugin from "./has-retry-attempt.js";

describe("HasRetryAttempt", () => {
  it("filters the retried attempts by state", () => {
    expect(plugin.properties.safeParse({ in: ["RETRIED"] }).success).toBe(true);
    expect(plugin.properties.safeParse({ in: "RETRIED" }).success).toBe(false);
  });
});
