/**
 * io.kestra.plugin.core.condition.MultipleCondition (deprecated): on a Flow trigger, true once
 * each named condition has been met by some execution within a time window.
 */
import { z } from "zod";
import { TASK_ID_PATTERN } from "../../../src/flow/schema/common.js";
import { defineCondition } from "../../../src/plugin/define.js";
import { conditionMap, duration } from "../../../src/plugin/properties.js";
import { ConditionError } from "../../../src/triggers/condition-support.js";
import { timeWindow } from "../trigger/flow.js";

export default defineCondition({
  type: "io.kestra.plugin.core.condition.MultipleCondition",
  aliases: ["io.kestra.core.models.conditions.types.MultipleCondition"],
  title: "True once every named condition was met within a time window.",
  deprecated: "Use the `preconditions` of the io.kestra.plugin.core.trigger.Flow trigger instead.",
  properties: z.strictObject({
    /** Identifies the stored evaluation state of the window. */
    id: z.string().regex(TASK_ID_PATTERN, { error: 'must match "^[a-zA-Z0-9][a-zA-Z0-9_-]*"' }),
    timeWindow: timeWindow.prefault({}),
    resetOnSuccess: z.boolean().default(true),
    /** Name → condition; the names key the stored results, so they must stay stable. */
    conditions: conditionMap().refine((map) => Object.keys(map).length > 0, { error: "must not be empty" }),
    window: duration.optional().describe("Deprecated: use timeWindow.window"),
    windowAdvance: duration.optional().describe("Deprecated: use timeWindow.windowAdvance"),
  }),
  /** It needs the stored results of a Flow trigger's window, which only that trigger keeps. */
  async test() {
    throw new ConditionError(
      "condition.unsupported",
      "The condition io.kestra.plugin.core.condition.MultipleCondition is evaluated only by a Flow trigger's time window, not here",
    );
  },
});
