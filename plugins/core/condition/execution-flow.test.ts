import { describe, expect, it } from "vitest";
import plugin from "./execution-flow.js";

describe("ExecutionFlow", () => {
  it("needs the namespace and the flow id", () => {
    expect(plugin.properties.safeParse({ namespace: "io.kestra.tests.trigger", flowId: "trigger-flow" }).success).toBe(
      true,
    );
    expect(plugin.properties.safeParse({ namespace: "io.kestra.tests.trigger" }).success).toBe(false);
  });
});
