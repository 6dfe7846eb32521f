/**
 * The top level of a flow (spec §1.1, spec-1x §1.1). Tasks, triggers and inputs are
 * slots here: each is validated against its own schema by the flow walker.
 */
import { z } from "zod";
import {
  anyMap,
  conditionList,
  dynamicDuration,
  inputList,
  labels,
  taskList,
  triggerList,
} from "../../plugin/properties.js";
import { INPUT_ID_PATTERN, INPUT_TYPES } from "./inputs.js";
import { retrySchema } from "./retry.js";

export const FLOW_ID_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9._-]*$/;
export const NAMESPACE_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;

/** Flow ids Kestra 1.0 reserves because they collide with API path segments. */
export const RESERVED_FLOW_IDS = [
  "pause",
  "resume",
  "force-run",
  "change-status",
  "kill",
  "executions",
  "search",
  "source",
  "disable",
  "enable",
] as const;

const required = (what: string) => (issue: { input: unknown }) =>
  issue.input === undefined || issue.input === null ? "must not be null" : `must be ${what}`;

export const flowOutputSchema = z.strictObject({
  id: z.string({ error: required("a string") }).regex(INPUT_ID_PATTERN, {
    error: 'must match "^[a-zA-Z0-9][.a-zA-Z0-9_-]*"',
  }),
  type: z.enum(INPUT_TYPES, { error: (i) => `Invalid type: ${String(i.input)}` }),
  value: z.unknown(),
  description: z.string().optional(),
  displayName: z.string().max(64).optional(),
  required: z.boolean().optional(),
});

export const pluginDefaultSchema = z.strictObject({
  type: z.string({ error: required("a string") }).min(1, { error: "must not be empty" }),
  forced: z.boolean().default(false),
  values: anyMap,
});

export const listenerSchema = z.strictObject({
  description: z.string().optional(),
  conditions: conditionList().optional(),
  tasks: taskList({ nonEmpty: true }),
});

export const concurrencySchema = z.strictObject({
  limit: z.int({ error: required("an integer") }).min(1, { error: "must be greater than or equal to 1" }),
  behavior: z.enum(["QUEUE", "CANCEL", "FAIL"]).default("QUEUE"),
});

const slaCommon = {
  id: z.string({ error: required("a string") }),
  behavior: z.enum(["FAIL", "CANCEL", "NONE"]).default("FAIL"),
  labels: labels.optional(),
};

export const slaSchema = z.discriminatedUnion(
  "type",
  [
    z.strictObject({ ...slaCommon, type: z.literal("MAX_DURATION"), duration: dynamicDuration() }),
    z.strictObject({ ...slaCommon, type: z.literal("EXECUTION_ASSERTION"), assert: z.string() }),
  ],
  { error: (i) => (i.code === "invalid_union" ? "`type` must be MAX_DURATION or EXECUTION_ASSERTION" : undefined) },
);

export const checkSchema = z.strictObject({
  condition: z.string({ error: required("a Pebble condition") }),
  message: z.string({ error: required("a string") }),
  style: z.enum(["INFO", "ERROR", "SUCCESS", "WARNING"]).default("INFO"),
  behavior: z.enum(["BLOCK_EXECUTION", "FAIL_EXECUTION", "CREATE_EXECUTION"]).default("BLOCK_EXECUTION"),
});

export const flowSchema = z.strictObject({
  id: z
    .string({ error: required("a string") })
    .min(1, { error: "must not be empty" })
    .max(100, { error: "must be at most 100 characters" })
    .regex(FLOW_ID_PATTERN, { error: 'must match "^[a-zA-Z0-9][a-zA-Z0-9._-]*"' }),
  namespace: z
    .string({ error: required("a string") })
    .min(1, { error: "must not be empty" })
    .max(150, { error: "must be at most 150 characters" })
    .regex(NAMESPACE_PATTERN, { error: 'must match "^[a-z0-9][a-z0-9._-]*" (lower case)' }),
  revision: z.int().min(1).optional(),
  description: z.string().optional(),
  labels: labels.optional(),
  inputs: inputList().optional(),
  outputs: z.array(flowOutputSchema).optional(),
  variables: anyMap.optional(),
  tasks: taskList({ nonEmpty: true }),
  errors: taskList().optional(),
  finally: taskList().optional(),
  afterExecution: taskList().optional(),
  listeners: z.array(listenerSchema).optional(),
  triggers: triggerList().optional(),
  pluginDefaults: z.array(pluginDefaultSchema).optional(),
  concurrency: concurrencySchema.optional(),
  retry: retrySchema.optional(),
  disabled: z.boolean().default(false),
  deleted: z.boolean().default(false),
  sla: z.array(slaSchema).optional(),
  checks: z.array(checkSchema).optional(),
});

/** Old top-level names Kestra still reads. */
export const FLOW_RENAMES: Readonly<Record<string, string>> = { taskDefaults: "pluginDefaults" };
