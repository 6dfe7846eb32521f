/**
 * io.kestra.plugin.core.condition.ExecutionStatus: true when the execution's current state
 * is in `in` and not in `notIn`. Also exports those two lists, which HasRetryAttempt shares.
 */
import { z } from "zod";
import type { ConditionContext } from "../../../src/plugin/define.js";
import { defineCondition } from "../../../src/plugin/define.js";
import { dynamic, state } from "../../../src/plugin/properties.js";
import { renderAs, requireExecution } from "../../../src/triggers/condition-support.js";

const states = dynamic(z.array(state));

/** An unset list is ignored. */
export const stateFilters = {
  in: states.optional(),
  notIn: states.optional(),
};

/** A state test of `in` and `notIn`, rendered once: true when the state is in `in` and not in `notIn`. */
export async function stateFilter(
  filters: { readonly in?: unknown; readonly notIn?: unknown },
  context: ConditionContext,
): Promise<(current: string) => boolean> {
  const included = await renderAs(states, filters.in, context);
  const excluded = await renderAs(states, filters.notIn, context);
  return (current) =>
    (included === undefined || included.includes(current as never)) &&
    (excluded === undefined || !excluded.includes(current as never));
}

export default defineCondition({
  type: "io.kestra.plugin.core.condition.ExecutionStatus",
  aliases: [
    "io.kestra.core.models.conditions.types.ExecutionStatusCondition",
    "io.kestra.plugin.core.condition.ExecutionStatusCondition",
  ],
  title: "True when the execution's state is in `in` and not in `notIn`.",
  properties: z.strictObject(stateFilters),
  async test(properties, context) {
    const execution = requireExecution(context);
    return (await stateFilter(properties, context))(execution.state.current);
  },
});
