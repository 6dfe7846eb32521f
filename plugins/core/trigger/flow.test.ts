import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { commonConditionProperties, commonTriggerProperties } from "../../../src/flow/schema/common.js";
import type { ConditionDefinition } from "../../../src/plugin/define.js";
import { kestraFile, kestraFlowFiles } from "../../../test/support/kestra.js";
import executionFlow from "../condition/execution-flow.js";
import executionNamespace from "../condition/execution-namespace.js";
import executionStatus from "../condition/execution-status.js";
import multipleCondition from "../condition/multiple-condition.js";
import flowTrigger, { timeWindow } from "./flow.js";

const full = z.strictObject({ ...commonTriggerProperties, ...flowTrigger.properties.shape });
const CONDITIONS: ConditionDefinition[] = [executionFlow, executionNamespace, executionStatus, multipleCondition];
const conditionsOf = (trigger: Record<string, unknown>) => (trigger.conditions ?? []) as Record<string, unknown>[];
const messages = (result: { error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((i) => i.message) ?? [];

describe("Flow trigger", () => {
  it("accepts every Flow trigger of Kestra's test flows and their conditions", () => {
    let seen = 0;
    for (const file of kestraFlowFiles("valids")) {
      const flow = parse(kestraFile("flows", "valids", file)) as { triggers?: Record<string, unknown>[] };
      for (const trigger of flow.triggers ?? []) {
        if (trigger.type !== flowTrigger.type) continue;
        seen++;
        const result = full.safeParse(trigger);
        expect(result.success, `${file}: ${messages(result).join("; ")}`).toBe(true);
        for (const condition of conditionsOf(trigger)) {
          const plugin = CONDITIONS.find((p) => p.type === condition.type);
          const schema = z.strictObject({ ...commonConditionProperties, ...plugin?.properties.shape });
          expect(plugin && schema.safeParse(condition).success, `${file}: ${String(condition.type)}`).toBe(true);
        }
      }
    }
    expect(seen).toBeGreaterThan(5);
  });

  it("fires on terminated states and PAUSED by default", () => {
    expect(flowTrigger.properties.parse({}).states).toEqual([
      "SUCCESS",
      "WARNING",
      "FAILED",
      "KILLED",
      "CANCELLED",
      "RETRIED",
      "SKIPPED",
      "PAUSED",
    ]);
    expect(flowTrigger.properties.safeParse({ states: ["DONE"] }).success).toBe(false);
  });

  it("fills the preconditions defaults and checks their id", () => {
    const parsed = flowTrigger.properties.parse({
      preconditions: { id: "bronze", flows: [{ namespace: "company.team" }] },
    });
    expect(parsed.preconditions?.timeWindow).toEqual({ type: "DURATION_WINDOW" });
    expect(parsed.preconditions?.resetOnSuccess).toBe(true);
    expect(flowTrigger.properties.safeParse({ preconditions: { id: "-bad id" } }).success).toBe(false);
    expect(flowTrigger.properties.safeParse({ preconditions: { id: "p", flows: [{ flowId: "a" }] } }).success).toBe(
      false,
    );
  });

  it("checks that each filter has value or values as its type needs", () => {
    const where = (filter: Record<string, unknown>) =>
      flowTrigger.properties.safeParse({ preconditions: { id: "p", where: [{ id: "w", filters: [filter] }] } });
    expect(where({ field: "NAMESPACE", type: "STARTS_WITH", value: "company" }).success).toBe(true);
    expect(where({ field: "STATE", type: "IN", values: ["FAILED", "WARNING"] }).success).toBe(true);
    expect(messages(where({ field: "NAMESPACE", type: "EQUAL_TO" }))).toEqual([
      "`value` cannot be null for type EQUAL_TO",
    ]);
    expect(messages(where({ field: "STATE", type: "IN", value: "FAILED" }))).toEqual([
      "`value` must be null for type IN",
    ]);
    expect(messages(where({ field: "STATE", type: "NOT_IN" }))).toEqual(["`values` cannot be null for type NOT_IN"]);
    expect(where({ field: "LABEL", type: "EQUAL_TO", value: "x" }).success).toBe(false);
  });

  it("checks the time window against its type, with Kestra's messages", () => {
    expect(timeWindow.safeParse({ type: "DAILY_TIME_DEADLINE", deadline: "09:00:00" }).success).toBe(true);
    expect(
      timeWindow.safeParse({ type: "DAILY_TIME_WINDOW", startTime: "06:00:00", endTime: "09:00:00" }).success,
    ).toBe(true);
    expect(timeWindow.safeParse({ window: "PT6H", windowAdvance: "PT6H" }).success).toBe(true);
    expect(messages(timeWindow.safeParse({ type: "DAILY_TIME_DEADLINE" }))).toEqual([
      "Time window of type `DAILY_TIME_DEADLINE` must have a deadline.",
    ]);
    expect(messages(timeWindow.safeParse({ type: "SLIDING_WINDOW", window: "PT1H", windowAdvance: "PT1H" }))).toEqual([
      "Time window of type `SLIDING_WINDOW` cannot have a window advance.",
    ]);
    expect(timeWindow.safeParse({ type: "DAILY_TIME_DEADLINE", deadline: "9am" }).success).toBe(false);
  });
});
