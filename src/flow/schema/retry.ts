/**
 * Retry definitions (spec §4, 1.x names). `maxAttempt` is the pre-0.24 spelling of
 * `maxAttempts`; the flow walker renames it before validation.
 */
import { z } from "zod";
import { dynamicDuration } from "../../plugin/properties.js";

const common = {
  maxAttempts: z.int().min(1, { error: "must be greater than or equal to 1" }).optional(),
  maxDuration: dynamicDuration().optional(),
  warningOnRetry: z.boolean().default(false),
  behavior: z.enum(["RETRY_FAILED_TASK", "CREATE_NEW_EXECUTION"]).default("RETRY_FAILED_TASK"),
};

export const constantRetry = z.strictObject({
  type: z.literal("constant"),
  interval: dynamicDuration(),
  ...common,
});

export const exponentialRetry = z.strictObject({
  type: z.literal("exponential"),
  interval: dynamicDuration(),
  maxInterval: dynamicDuration(),
  delayFactor: z.number().positive().optional(),
  ...common,
});

export const randomRetry = z.strictObject({
  type: z.literal("random"),
  minInterval: dynamicDuration(),
  maxInterval: dynamicDuration(),
  ...common,
});

export const retrySchema = z.discriminatedUnion("type", [constantRetry, exponentialRetry, randomRetry], {
  error: (issue) =>
    issue.code === "invalid_union" ? "`type` must be one of constant, exponential, random" : undefined,
});

export type Retry = z.output<typeof retrySchema>;

/** Old property names accepted on a retry map. */
export const RETRY_RENAMES: Readonly<Record<string, string>> = { maxAttempt: "maxAttempts" };
