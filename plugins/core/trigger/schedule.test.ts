import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { commonTriggerProperties } from "../../../src/flow/schema/common.js";
import { kestraFile } from "../../../test/support/kestra.js";
import schedule, { cronProblem, isTimezoneId } from "./schedule.js";

const context = { flowId: "f", namespace: "n", lookup: () => undefined };
const check = (properties: Record<string, unknown>) => schedule.check?.(properties, context) ?? [];

describe("Schedule", () => {
  it("accepts the schedules of Kestra's test flows, legacy alias included", () => {
    const full = z.strictObject({ ...commonTriggerProperties, ...schedule.properties.shape });
    for (const file of [
      ["valids", "schedule-trigger.yaml"],
      ["tests", "trigger.yaml"],
      ["tests", "trigger-empty.yaml"],
    ]) {
      const flow = parse(kestraFile("flows", ...file)) as { triggers: Record<string, unknown>[] };
      for (const trigger of flow.triggers) {
        expect(full.safeParse(trigger).success, file.join("/")).toBe(true);
        expect(check(trigger)).toEqual([]);
      }
    }
    expect(schedule.aliases).toContain("io.kestra.core.models.triggers.types.Schedule");
  });

  it("applies the defaults", () => {
    expect(schedule.properties.parse({ cron: "0 9 * * *" })).toEqual({
      cron: "0 9 * * *",
      withSeconds: false,
      timezone: "UTC",
    });
  });

  it("refuses a 4-field cron with Kestra's message, on the cron property", () => {
    expect(check({ cron: "* * * *" })).toEqual([
      {
        message: "invalid cron expression '* * * *': Cron expression contains 4 parts but we expect one of [5]",
        path: ["cron"],
      },
    ]);
  });

  it("takes 5 fields, 6 with withSeconds, and the @ nicknames", () => {
    for (const cron of [
      "*/15 * * * *",
      "30 6 * * *",
      "0 11 * * 1",
      "0 0 1 JAN MON-FRI",
      "0 9 * * 7",
      "@hourly",
      "@midnight",
    ]) {
      expect(cronProblem(cron), cron).toBeUndefined();
    }
    expect(cronProblem("*/10 * * * * *", true)).toBeUndefined();
    expect(cronProblem("* * * * * *")).toMatch(/contains 6 parts but we expect one of \[5\]/);
    expect(check({ cron: "* * * * *", withSeconds: true })[0]?.message).toMatch(/expect one of \[6\]/);
    expect(cronProblem("@reboot")).toBeDefined();
  });

  it("refuses values out of range, inverted ranges and unsupported characters", () => {
    expect(cronProblem("60 * * * *")).toMatch(/Value 60 not in range \[0, 59\]/);
    expect(cronProblem("0 24 * * *")).toMatch(/Value 24 not in range \[0, 23\]/);
    expect(cronProblem("0 0 0 * *")).toMatch(/Value 0 not in range \[1, 31\]/);
    expect(cronProblem("5-1 * * * *")).toMatch(/Invalid range/);
    expect(cronProblem("0 0 ? * *")).toBeDefined();
    expect(cronProblem("*/0 * * * *")).toBeDefined();
    expect(cronProblem("$ome Inv@lid Cr0n")).toMatch(/^invalid cron expression/);
  });

  it("checks the time zone and refuses the removed interval", () => {
    expect(isTimezoneId("Europe/Paris")).toBe(true);
    expect(isTimezoneId("+02:00")).toBe(true);
    const result = schedule.properties.safeParse({ cron: "* * * * *", timezone: "Europe/Pariss", interval: "PT1M" });
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["timezone", "timezone 'Europe/Pariss' is not a valid time-zone ID"],
      ["interval", "must be null"],
    ]);
  });

  it("takes inputs, lateMaximumDelay and recoverMissedSchedules", () => {
    const props = {
      cron: "@daily",
      inputs: { day: "{{ trigger.date }}" },
      lateMaximumDelay: "PT1H",
      recoverMissedSchedules: "LAST",
    };
    expect(schedule.properties.safeParse(props).success).toBe(true);
    expect(schedule.properties.safeParse({ cron: "@daily", recoverMissedSchedules: "SOME" }).success).toBe(false);
    expect(schedule.properties.safeParse({ cron: "@daily", lateMaximumDelay: "1h" }).success).toBe(false);
  });
});
