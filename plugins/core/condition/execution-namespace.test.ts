import { describe, expect, it } from "vitest";
import plugin from "./execution-namespace.js";

describe("ExecutionNamespace", () => {
  it("compares namespaces by equality, prefix or suffix", () => {
    expect(plugin.properties.parse({ namespace: "company.payroll" })).toEqual({
      namespace: "company.payroll",
      prefix: false,
    });
    expect(plugin.properties.safeParse({ namespace: "company", comparison: "PREFIX" }).success).toBe(true);
    expect(plugin.properties.safeParse({ namespace: "company", comparison: "CONTAINS" }).success).toBe(false);
    expect(plugin.properties.safeParse({ prefix: true }).success).toBe(false);
  });
});
