/**
 * io.kestra.plugin.core.trigger.Flow: starts an execution when another execution reaches one
 * of `states`, optionally once all `preconditions` (upstream flows, execution filters) are met
 * within a time window. Also exports the time window MultipleCondition shares.
 */
import { z } from "zod";
import { TASK_ID_PATTERN } from "../../../src/flow/schema/common.js";
import { defineTrigger } from "../../../src/plugin/define.js";
import { anyMap, duration, state } from "../../../src/plugin/properties.js";

/** java.time.LocalTime: 09:00, 09:00:00, 09:00:00.5. */
const localTime = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?$/, { error: "must be a time such as 09:00:00" });

const WINDOW_FIELDS = ["window", "windowAdvance", "deadline", "startTime", "endTime"] as const;
type WindowField = (typeof WINDOW_FIELDS)[number];

/** Per window type: the fields it needs and the ones it refuses (Kestra's TimeWindowValidation). */
const WINDOW_RULES: Record<string, { required: readonly WindowField[]; allowed: readonly WindowField[] }> = {
  DURATION_WINDOW: { required: [], allowed: ["window", "windowAdvance"] },
  SLIDING_WINDOW: { required: [], allowed: ["window"] },
  DAILY_TIME_DEADLINE: { required: ["deadline"], allowed: ["deadline"] },
  DAILY_TIME_WINDOW: { required: ["startTime", "endTime"], allowed: ["startTime", "endTime"] },
};

const FIELD_WORDS: Record<WindowField, string> = {
  window: "a window",
  windowAdvance: "a window advance",
  deadline: "a deadline",
  startTime: "a start time",
  endTime: "an end time",
};

/**
 * When conditions must be met: a `window` (PT24H by default) that starts at midnight plus
 * `windowAdvance`, a window sliding back from now, a daily `deadline`, or a daily
 * `startTime`–`endTime` range.
 */
export const timeWindow = z
  .strictObject({
    type: z
      .enum(["DURATION_WINDOW", "SLIDING_WINDOW", "DAILY_TIME_DEADLINE", "DAILY_TIME_WINDOW"])
      .default("DURATION_WINDOW"),
    window: duration.optional(),
    windowAdvance: duration.optional(),
    deadline: localTime.optional(),
    startTime: localTime.optional(),
    endTime: localTime.optional(),
  })
  .superRefine((value, ctx) => {
    const rules = WINDOW_RULES[value.type];
    if (!rules) return;
    for (const field of WINDOW_FIELDS) {
      const where = `Time window of type \`${value.type}\``;
      if (value[field] !== undefined && !rules.allowed.includes(field)) {
        ctx.addIssue({ code: "custom", path: [field], message: `${where} cannot have ${FIELD_WORDS[field]}.` });
      } else if (value[field] === undefined && rules.required.includes(field)) {
        ctx.addIssue({ code: "custom", path: [field], message: `${where} must have ${FIELD_WORDS[field]}.` });
      }
    }
  });

const FIELDS_NEEDING_VALUE = new Set([
  "EQUAL_TO",
  "NOT_EQUAL_TO",
  "IS_NULL",
  "IS_NOT_NULL",
  "IS_TRUE",
  "IS_FALSE",
  "STARTS_WITH",
  "ENDS_WITH",
  "REGEX",
  "CONTAINS",
]);

/** One filter of `where`; IN and NOT_IN take `values`, every other type a `value` (Kestra's PreconditionFilterValidation). */
const filter = z
  .strictObject({
    field: z.enum(["FLOW_ID", "NAMESPACE", "STATE", "EXPRESSION"]),
    type: z.enum([
      "EQUAL_TO",
      "NOT_EQUAL_TO",
      "IN",
      "NOT_IN",
      "IS_TRUE",
      "IS_FALSE",
      "IS_NULL",
      "IS_NOT_NULL",
      "STARTS_WITH",
      "ENDS_WITH",
      "REGEX",
      "CONTAINS",
    ]),
    /** The compared value; for `field: EXPRESSION`, the expression. */
    value: z.string().optional(),
    values: z.array(z.string()).optional(),
  })
  .superRefine((f, ctx) => {
    const needsValue = FIELDS_NEEDING_VALUE.has(f.type);
    if (needsValue === (f.value === undefined)) {
      const message = `\`value\` ${needsValue ? "cannot" : "must"} be null for type ${f.type}`;
      ctx.addIssue({ code: "custom", path: ["value"], message });
    } else if (needsValue !== (f.values === undefined)) {
      const message = `\`values\` ${needsValue ? "must" : "cannot"} be null for type ${f.type}`;
      ctx.addIssue({ code: "custom", path: ["values"], message });
    }
  });

const notEmpty = "must not be empty";

const preconditions = z.strictObject({
  /** Identifies the stored evaluation state of the window. */
  id: z.string().regex(TASK_ID_PATTERN, { error: 'must match "^[a-zA-Z0-9][a-zA-Z0-9_-]*"' }),
  timeWindow: timeWindow.prefault({}),
  /** Start over after the trigger fired, so the conditions must all be met again. */
  resetOnSuccess: z.boolean().default(true),
  /** Each upstream flow is one condition: an execution of it reaching one of `states`. */
  flows: z
    .array(
      z.strictObject({
        namespace: z.string(),
        flowId: z.string().optional(),
        states: z.array(state).optional(),
        labels: anyMap.optional(),
      }),
    )
    .optional(),
  /** Each filter group is one condition, its filters combined with `operand`. */
  where: z
    .array(
      z.strictObject({
        id: z.string().min(1, { error: notEmpty }),
        operand: z.enum(["AND", "OR"]).default("AND"),
        filters: z.array(filter).min(1, { error: notEmpty }),
      }),
    )
    .optional(),
});

/** Terminated states, then PAUSED (since Kestra 0.23). */
const DEFAULT_STATES = ["SUCCESS", "WARNING", "FAILED", "KILLED", "CANCELLED", "RETRIED", "SKIPPED", "PAUSED"] as const;

export default defineTrigger({
  type: "io.kestra.plugin.core.trigger.Flow",
  aliases: ["io.kestra.core.models.triggers.types.Flow"],
  title: "Start an execution when executions of other flows change state.",
  properties: z.strictObject({
    /** Execution inputs, rendered with the upstream flow outputs as `trigger.outputs`. */
    inputs: anyMap.optional(),
    /** Upstream states that fire the trigger (CREATED never does). */
    states: z.array(state).default([...DEFAULT_STATES]),
    preconditions: preconditions.optional(),
  }),
  outputs: z.object({
    executionId: z.string(),
    executionLabels: anyMap.optional(),
    namespace: z.string(),
    flowId: z.string(),
    flowRevision: z.number().int(),
    state,
    /** The upstream flow outputs (merged across the executions that met the preconditions). */
    outputs: anyMap.optional(),
  }),
});
