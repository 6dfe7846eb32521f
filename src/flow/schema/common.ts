/**
 * Properties every task, trigger and condition has (spec §2 and §5), added by the flow
 * model around each plugin's own properties.
 */
import { z } from "zod";
import { conditionList, dynamicDuration, labels, logLevel, state } from "../../plugin/properties.js";
import { retrySchema } from "./retry.js";

export const TASK_ID_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/;

export const taskId = z
  .string({ error: (issue) => (issue.input === undefined ? "must not be null" : "must be a string") })
  .min(1, { error: "must not be empty" })
  .regex(TASK_ID_PATTERN, { error: 'must match "^[a-zA-Z0-9][a-zA-Z0-9_-]*" (letters, digits, _ and -)' });

export const workerGroup = z.strictObject({
  key: z.string().regex(TASK_ID_PATTERN),
  fallback: z.enum(["FAIL", "WAIT", "CANCEL"]).optional(),
});

export const commonTaskProperties = {
  /** Kestra 1.x plugin versioning: the plugin version to use (Tern ships one version of each). */
  version: z.string().optional(),
  id: taskId,
  type: z.string(),
  description: z.string().optional(),
  retry: retrySchema.optional(),
  timeout: dynamicDuration().optional(),
  disabled: z.boolean().default(false),
  allowFailure: z.boolean().default(false),
  allowWarning: z.boolean().default(false),
  logLevel: logLevel.optional(),
  runIf: z.union([z.string(), z.boolean()]).optional(),
  logToFile: z.boolean().default(false),
  workerGroup: workerGroup.optional(),
};

export const commonTriggerProperties = {
  /** Kestra 1.x plugin versioning: the plugin version to use (Tern ships one version of each). */
  version: z.string().optional(),
  id: taskId,
  type: z.string(),
  description: z.string().optional(),
  conditions: conditionList().optional(),
  disabled: z.boolean().default(false),
  workerGroup: workerGroup.optional(),
  logLevel: logLevel.optional(),
  labels: labels.optional(),
  stopAfter: z.array(state).optional(),
  logToFile: z.boolean().default(false),
  allowConcurrent: z.boolean().default(false),
};

export const commonConditionProperties = {
  /** Kestra 1.x plugin versioning: the plugin version to use (Tern ships one version of each). */
  version: z.string().optional(),
  type: z.string(),
  description: z.string().optional(),
};

export const commonTaskRunnerProperties = {
  /** Kestra 1.x plugin versioning: the plugin version to use (Tern ships one version of each). */
  version: z.string().optional(),
  type: z.string(),
};

/** Old property names accepted everywhere on triggers. */
export const TRIGGER_RENAMES: Readonly<Record<string, string>> = { minLogLevel: "logLevel" };
