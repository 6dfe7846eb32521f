import { describe, expect, it } from "vitest";
import { check } from "../../../test/support/conditions.js";
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

  it("compares by equality unless told PREFIX or SUFFIX (or prefix: true)", async () => {
    const type = plugin.type;
    expect(await check({ type, namespace: "company.team" })).toBe(true);
    expect(await check({ type, namespace: "company" })).toBe(false);
    expect(await check({ type, namespace: "company", prefix: true })).toBe(true);
    expect(await check({ type, namespace: "company", comparison: "PREFIX" })).toBe(true);
    expect(await check({ type, namespace: "team", comparison: "SUFFIX" })).toBe(true);
    expect(await check({ type, namespace: "team", comparison: "PREFIX" })).toBe(false);
    // `comparison` wins over `prefix`.
    expect(await check({ type, namespace: "company", comparison: "EQUALS", prefix: true })).toBe(false);
    expect(await check({ type, namespace: "{{ flow.namespace }}" })).toBe(true);
  });
});
