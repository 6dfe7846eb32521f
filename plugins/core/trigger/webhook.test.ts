import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";
import { commonTriggerProperties } from "../../../src/flow/schema/common.js";
import { kestraFile } from "../../../test/support/kestra.js";
import webhook from "./webhook.js";

const context = { flowId: "f", namespace: "n", lookup: () => undefined };

describe("Webhook", () => {
  it("accepts the webhooks of Kestra's test flows (plain, dynamic and secret keys, conditions)", () => {
    const full = z.strictObject({ ...commonTriggerProperties, ...webhook.properties.shape });
    for (const file of [
      "webhook.yaml",
      "webhook-dynamic-key.yaml",
      "webhook-secret-key.yaml",
      "webhook-with-condition.yaml",
    ]) {
      const flow = parse(kestraFile("flows", "valids", file)) as { triggers: Record<string, unknown>[] };
      for (const trigger of flow.triggers) expect(full.safeParse(trigger).success, file).toBe(true);
    }
  });

  it("needs a key of at most 256 characters", () => {
    expect(webhook.properties.safeParse({}).success).toBe(false);
    expect(webhook.properties.safeParse({ key: "k".repeat(256) }).success).toBe(true);
    const long = webhook.properties.safeParse({ key: "k".repeat(257) });
    expect(JSON.stringify(long.error)).toMatch(/must be at most 256 characters/);
  });

  it("can wait and answer with the flow outputs as text (1.x)", () => {
    expect(webhook.properties.parse({ key: "k" })).toEqual({ key: "k", wait: false, returnOutputs: false });
    const props = {
      key: "k",
      wait: true,
      returnOutputs: true,
      responseContentType: "text/plain",
      inputs: { a: "{{ trigger.body.a }}" },
    };
    expect(webhook.properties.safeParse(props).success).toBe(true);
    expect(webhook.properties.safeParse({ key: "k", responseContentType: "text/html" }).success).toBe(false);
  });

  it("refuses MultipleCondition among its conditions", () => {
    const conditions = [{ type: "io.kestra.plugin.core.condition.MultipleCondition", id: "m" }];
    expect(webhook.check?.({ key: "k", conditions }, context)).toEqual([
      { message: "invalid webhook: conditions of type MultipleCondition are not supported", path: ["conditions"] },
    ]);
    const expression = [{ type: "io.kestra.plugin.core.condition.Expression", expression: "{{ true }}" }];
    expect(webhook.check?.({ key: "k", conditions: expression }, context)).toEqual([]);
  });
});
