/**
 * io.kestra.plugin.core.condition.HasRetryAttempt: true when a task run of the execution was
 * retried with an attempt whose state is in `in` and not in `notIn`.
 */
import { z } from "zod";
import { defineCondition } from "../../../src/plugin/define.js";
import { requireExecution } from "../../../src/triggers/condition-support.js";
import { stateFilter, stateFilters } from "./execution-status.js";

export default defineCondition({
  type: "io.kestra.plugin.core.condition.HasRetryAttempt",
  aliases: [
    "io.kestra.core.models.conditions.types.HasRetryAttemptCondition",
    "io.kestra.plugin.core.condition.HasRetryAttemptCondition",
  ],
  title: "True when the execution has a retried attempt whose state matches.",
  properties: z.strictObject(stateFilters),
  async test(properties, context) {
    const matches = await stateFilter(properties, context);
    return requireExecution(context)
      .taskRunList.filter((run) => (run.attempts?.length ?? 0) > 1)
      .some((run) => (run.attempts ?? []).some((attempt) => matches(attempt.state.current)));
  },
});
