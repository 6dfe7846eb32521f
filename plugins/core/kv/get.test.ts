import { describe, expect, it } from "vitest";
import plugin from "./get.js";

const context = { flowId: "f", namespace: "n", lookup: () => undefined };

describe("kv.Get", () => {
  it("reads from the flow's namespace and does not fail on a missing key by default", () => {
    expect(plugin.properties.parse({ key: "my_variable" })).toEqual({
      key: "my_variable",
      namespace: "{{ flow.namespace }}",
      errorOnMissing: false,
    });
    expect(plugin.properties.safeParse({ key: "my_variable", namespace: "dev", errorOnMissing: true }).success).toBe(
      true,
    );
  });

  it("requires a key, and a literal one must be valid", () => {
    expect(plugin.properties.safeParse({}).success).toBe(false);
    expect(plugin.check?.({ key: "bad/key" }, context)).toHaveLength(1);
    expect(plugin.check?.({ key: "{{ inputs.key }}" }, context)).toHaveLength(0);
  });
});
