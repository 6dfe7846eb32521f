import { describe, expect, it } from "vitest";
import type { CheckContext } from "../../../src/plugin/define.js";
import forEachItem from "./for-each-item.js";

const parse = (value: unknown) => forEachItem.properties.safeParse(value);
const context: CheckContext = { flowId: "f", namespace: "n", lookup: () => undefined };
const base = {
  items: "{{ inputs.file }}",
  namespace: "io.kestra.tests",
  flowId: "for-each-item-subflow",
  inputs: { items: "{{ taskrun.items }}" },
};

describe("ForEachItem", () => {
  it("is the flowable Kestra type, with its legacy name", () => {
    expect(forEachItem.type).toBe("io.kestra.plugin.core.flow.ForEachItem");
    expect(forEachItem.kind).toBe("flowable");
    expect(forEachItem.aliases).toContain("io.kestra.core.tasks.flows.ForEachItem");
  });

  it("defaults to one row per batch, waiting for the subflows and transmitting failures", () => {
    expect(parse(base).data).toEqual({
      ...base,
      batch: { rows: 1, separator: "\n" },
      inheritLabels: false,
      wait: true,
      transmitFailed: true,
      restartBehavior: "RETRY_FAILED",
    });
    expect(parse({ ...base, batch: { partitions: 4 } }).data?.batch).toEqual({
      rows: 1,
      partitions: 4,
      separator: "\n",
    });
  });

  it("accepts the shapes of for-each-item*.yaml", () => {
    expect(parse({ ...base, batch: { rows: 4 }, wait: false, transmitFailed: true }).success).toBe(true);
    expect(parse({ ...base, batch: { rows: "{{inputs.batch}}" }, wait: true }).success).toBe(true);
    expect(parse({ ...base, batch: { bytes: "10MB", separator: ";" }, labels: { a: "b" }, errors: [] }).success).toBe(
      true,
    );
  });

  it("requires items, namespace and flowId and rejects bad batches", () => {
    expect(parse({ namespace: "n", flowId: "f" }).success).toBe(false);
    expect(parse({ items: "{{ inputs.file }}", flowId: "f" }).success).toBe(false);
    expect(parse({ ...base, items: "" }).success).toBe(false);
    expect(parse({ ...base, batch: { rows: 0 } }).success).toBe(false);
    expect(parse({ ...base, batch: { lines: 4 } }).success).toBe(false);
  });

  it("refuses system labels on the child executions", () => {
    const run = forEachItem.check;
    if (run === undefined) throw new Error("ForEachItem has a check");
    const issues = run(forEachItem.properties.parse({ ...base, labels: { "system.x": "y" } }), context);
    expect(issues.map((issue) => issue.message)).toEqual([
      "System labels can only be set by Kestra itself, offending label: system.x=y.",
    ]);
  });

  it("describes the outputs of the subflow executions", () => {
    const outputs = { iterations: { SUCCESS: 3, FAILED: 1 }, numberOfBatches: 4, uri: "kestra:///a/b.ion" };
    expect(forEachItem.outputs.safeParse(outputs).success).toBe(true);
    expect(forEachItem.outputs.safeParse({ ...outputs, iterations: { DONE: 1 } }).success).toBe(false);
  });
});
