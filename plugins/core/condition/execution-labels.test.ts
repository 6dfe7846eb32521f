import { describe, expect, it } from "vitest";
import { check, executionWith } from "../../../test/support/conditions.js";
import plugin from "./execution-labels.js";

const context = { flowId: "f", namespace: "n", lookup: () => undefined };

describe("ExecutionLabels", () => {
  it("takes labels as a map or a list of key/value", () => {
    expect(plugin.properties.safeParse({ labels: { owner: "john.doe", env: "prod" } }).success).toBe(true);
    expect(plugin.properties.safeParse({ labels: [{ key: "env", value: "prod" }] }).success).toBe(true);
    expect(plugin.properties.safeParse({}).success).toBe(false);
  });

  it("refuses system labels", () => {
    expect(plugin.check?.({ labels: [{ key: "system.readOnly", value: "true" }] }, context)).toEqual([
      {
        message: "System labels can only be set by Kestra itself, offending label: system.readOnly=true.",
        path: ["labels"],
      },
    ]);
    expect(plugin.check?.({ labels: { env: "prod" } }, context)).toEqual([]);
  });

  it("is true when the execution has every label (values compared as text)", async () => {
    const type = plugin.type;
    const labelled = executionWith(
      {},
      {
        labels: [
          { key: "env", value: "prod" },
          { key: "owner", value: "john.doe" },
          { key: "tier", value: "1" },
        ],
      },
    );
    expect(await check({ type, labels: { env: "prod", owner: "john.doe" } }, labelled)).toBe(true);
    expect(await check({ type, labels: [{ key: "tier", value: 1 }] }, labelled)).toBe(true);
    expect(await check({ type, labels: { env: "prod", team: "data" } }, labelled)).toBe(false);
    expect(await check({ type, labels: { env: "dev" } }, labelled)).toBe(false);
  });
});
