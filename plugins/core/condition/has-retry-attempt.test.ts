import { describe, expect, it } from "vitest";
import { check, executionWith } from "../../../test/support/conditions.js";
import plugin from "./has-retry-attempt.js";

describe("HasRetryAttempt", () => {
  it("filters the retried attempts by state", () => {
    expect(plugin.properties.safeParse({ in: ["RETRIED"] }).success).toBe(true);
    expect(plugin.properties.safeParse({ in: "RETRIED" }).success).toBe(false);
  });

  it("looks at the attempts of task runs that were retried", async () => {
    const type = plugin.type;
    const attempt = (current: "FAILED" | "SUCCESS" | "RETRIED") => ({ state: { current, histories: [] } });
    const run = (attempts: ReturnType<typeof attempt>[]) => ({
      id: "r",
      executionId: "e1",
      namespace: "company.team",
      flowId: "listener",
      taskId: "log",
      attempts,
      state: { current: "SUCCESS" as const, histories: [] },
    });
    const retried = executionWith({}, { taskRunList: [run([attempt("RETRIED"), attempt("SUCCESS")])] });
    expect(await check({ type, in: ["RETRIED"] }, retried)).toBe(true);
    expect(await check({ type, in: ["FAILED"] }, retried)).toBe(false);
    expect(await check({ type, notIn: ["RETRIED", "SUCCESS"] }, retried)).toBe(false);
    // One attempt is no retry, whatever its state.
    const once = executionWith({}, { taskRunList: [run([attempt("FAILED")])] });
    expect(await check({ type, in: ["FAILED"] }, once)).toBe(false);
  });
});
