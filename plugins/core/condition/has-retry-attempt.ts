/**
 * io.kestra.plugin.core.condition.HasRetryAttempt: true when a task run of the execution was
 * retried with an attempt whose state is in `in` and not in `notIn`.
 */
import { z } from "zod";
import { defineCondition } from "../../../src/plugin/define.js";
import { stateFilters } from "./execution-status.js";

export default defineCondition({
  type: "io.kestra.plugin.core.condition.HasRetryAttempt",
  aliases: [
    "io.kestra.core.models.conditions.types.HasRetryAttemptCondition",
    "io.kestra.plugin.core.condition.HasRetryAttemptCondition",
  ],
  title: "True when the execution has a retried attempt whose state matches.",
  properties: z.strictObject(stateFilters),
});
