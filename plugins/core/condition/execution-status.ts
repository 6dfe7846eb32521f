/**
 * io.kestra.plugin.core.condition.ExecutionStatus: true when the execution's current state
 * is in `in` and not in `notIn`. Also exports those two lists, which HasRetryAttempt shares.
 */
import { z } from "zod";
import { defineCondition } from "../../../src/plugin/define.js";
import { dynamic, state } from "../../../src/plugin/properties.js";

/** An unset list is ignored. */
export const stateFilters = {
  in: dynamic(z.array(state)).optional(),
  notIn: dynamic(z.array(state)).optional(),
};

export default defineCondition({
  type: "io.kestra.plugin.core.condition.ExecutionStatus",
  aliases: [
    "io.kestra.core.models.conditions.types.ExecutionStatusCondition",
    "io.kestra.plugin.core.condition.ExecutionStatusCondition",
  ],
  title: "True when the execution's state is in `in` and not in `notIn`.",
  properties: z.strictObject(stateFilters),
});
