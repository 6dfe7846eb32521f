/** Evaluating one trigger condition in tests: a flow, an execution of it, the product's plugins. */
import { registry } from "../../plugins/index.js";
import type { Execution } from "../../src/executor/model.js";
import { newExecution } from "../../src/executor/new-execution.js";
import { createEngine } from "../../src/expression/index.js";
import type { Flow } from "../../src/flow/model.js";
import { conditionEnvironment, conditionsMet, testCondition } from "../../src/triggers/conditions.js";
import { flowOf } from "./flows.js";

const engine = createEngine();

export const conditionFlow: Flow = flowOf(`id: listener
namespace: company.team
inputs:
  - id: region
    type: STRING
    defaults: eu
tasks:
  - id: log
    type: io.kestra.plugin.core.log.Log
    message: hi
`);

/** An execution of {@link conditionFlow} with the given trigger variables (and anything else). */
export function executionWith(
  variables: Record<string, unknown> = {},
  changes: Partial<Execution> = {},
  flow: Flow = conditionFlow,
): Execution {
  return {
    ...newExecution({
      id: "e1",
      flow,
      now: "2024-01-02T03:04:05.000Z",
      trigger: { id: "t", type: "io.kestra.plugin.core.trigger.Webhook", variables },
    }),
    ...changes,
  };
}

/** The condition's result (`null`: no execution to look at); rejects when it cannot be evaluated. */
export function check(
  condition: Record<string, unknown> & { type: string },
  execution: Execution | null = executionWith(),
  flow: Flow = conditionFlow,
): Promise<boolean> {
  return testCondition(condition, conditionEnvironment({ registry, engine }, flow, execution ?? undefined));
}

/** A list of conditions as a trigger evaluates them. */
export function checkAll(conditions: (Record<string, unknown> & { type: string })[], execution = executionWith()) {
  return conditionsMet(conditions, conditionEnvironment({ registry, engine }, conditionFlow, execution));
}
