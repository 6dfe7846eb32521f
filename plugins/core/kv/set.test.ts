import { describe, expect, it } from "vitest";
import { describeIssue, parseFlow } from "../../../src/flow/index.js";
import { createRegistry } from "../../../src/plugin/registry.js";
import plugin from "./set.js";

const flowWithKey = (key: string) =>
  `id: kv\nnamespace: company.team\ntasks:\n  - id: set\n    type: io.kestra.plugin.core.kv.Set\n    key: "${key}"\n    value: 1\n`;

describe("kv.Set", () => {
  it("accepts Kestra's example and applies defaults", () => {
    expect(
      plugin.properties.parse({ key: "orders_file", value: "{{ outputs.http_download.uri }}", kvType: "STRING" }),
    ).toEqual({
      key: "orders_file",
      value: "{{ outputs.http_download.uri }}",
      kvType: "STRING",
      namespace: "{{ flow.namespace }}",
      overwrite: true,
    });
  });

  it("accepts typed values, a ttl and a description", () => {
    for (const value of [42, true, { a: 1 }, [1, 2]]) {
      expect(plugin.properties.safeParse({ key: "k", value }).success, JSON.stringify(value)).toBe(true);
    }
    expect(plugin.properties.safeParse({ key: "k", value: "v", ttl: "PT1H", kvDescription: "d" }).success).toBe(true);
  });

  it("requires key and value, and checks ttl and kvType", () => {
    expect(plugin.properties.safeParse({ value: "v" }).success).toBe(false);
    expect(plugin.properties.safeParse({ key: "k" }).success).toBe(false);
    expect(plugin.properties.safeParse({ key: "k", value: "v", ttl: "1 hour" }).success).toBe(false);
    expect(plugin.properties.safeParse({ key: "k", value: "v", kvType: "TEXT" }).success).toBe(false);
  });

  it("reports a literal key Kestra would refuse, but not an expression", () => {
    const registry = createRegistry([plugin]);
    const bad = parseFlow(flowWithKey("my key"), { registry });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.map(describeIssue).join("\n")).toMatch(/set: Key must start with an alphanumeric/);
    expect(parseFlow(flowWithKey("_hidden"), { registry }).ok).toBe(false);
    expect(parseFlow(flowWithKey("my.key-1_a"), { registry }).ok).toBe(true);
    expect(parseFlow(flowWithKey("{{ inputs.key }}"), { registry }).ok).toBe(true);
  });
});
