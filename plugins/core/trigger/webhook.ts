/**
 * io.kestra.plugin.core.trigger.Webhook: starts an execution when its URL
 * (`/api/v1/main/executions/webhook/{namespace}/{flowId}/{key}`) receives a GET, POST or PUT;
 * with `wait`, answers with the finished execution or, with `returnOutputs`, its outputs.
 */
import { z } from "zod";
import { type CheckIssue, defineTrigger } from "../../../src/plugin/define.js";
import { anyMap, dynamic, isPlainObject } from "../../../src/plugin/properties.js";

const MULTIPLE_CONDITION = "io.kestra.plugin.core.condition.MultipleCondition";

const requestValues = z.record(z.string(), z.array(z.string()));

export default defineTrigger({
  type: "io.kestra.plugin.core.trigger.Webhook",
  aliases: ["io.kestra.core.models.triggers.types.Webhook"],
  title: "Start an execution from an HTTP call to the webhook URL.",
  properties: z.strictObject({
    /** The secret part of the URL; may use `secret()`. */
    key: dynamic(z.string().max(256, { error: "must be at most 256 characters" })),
    /** Execution inputs, rendered with the request as `trigger`; none are passed when unset. */
    inputs: anyMap.optional(),
    /** Keep the request open until the execution ends and answer with it (flow outputs only). */
    wait: z.boolean().default(false),
    /** With `wait`, the response body is the flow outputs themselves. */
    returnOutputs: z.boolean().default(false),
    /** With `wait` and `returnOutputs`: the response content type (default application/json). */
    responseContentType: z.enum(["application/json", "text/plain"]).optional(),
  }),
  outputs: z.object({
    /** The body parsed as a JSON object or array, else the raw string. */
    body: z.unknown(),
    headers: requestValues,
    /** Query parameters: name → values. */
    parameters: requestValues,
  }),
  check(properties): CheckIssue[] {
    const conditions = Array.isArray(properties.conditions) ? properties.conditions : [];
    return conditions.some((c) => isPlainObject(c) && c.type === MULTIPLE_CONDITION)
      ? [{ message: "invalid webhook: conditions of type MultipleCondition are not supported", path: ["conditions"] }]
      : [];
  },
});
