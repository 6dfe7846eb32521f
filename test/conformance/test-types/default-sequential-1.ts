/**
 * io.kestra.core.runners.PluginDefaultsCaseTest$DefaultSequential1 (Kestra's core/src/test):
 * a Sequential (tasks, then errors on failure) with a plain String property `def` (not
 * rendered) returned as its output `def`. DefaultSequential2 and 3 are the same task under
 * other types, so that pluginDefaults can give each its own `def`.
 */
import { z } from "zod";
import { resolveSequential } from "../../../src/executor/flowable.js";
import { defineFlowableTask, type FlowableTaskDefinition } from "../../../src/plugin/define.js";
import { taskList } from "../../../src/plugin/properties.js";

const PREFIX = "io.kestra.core.runners.PluginDefaultsCaseTest$";

/** The DefaultSequential test task under the type `PluginDefaultsCaseTest$<name>`. */
export function defaultSequential(name: string): FlowableTaskDefinition {
  return defineFlowableTask({
    type: `${PREFIX}${name}`,
    title: "Test only: a Sequential returning its `def` property as output.",
    properties: z.strictObject({
      tasks: taskList({ nonEmpty: true }),
      errors: taskList().optional(),
      def: z.string().optional(),
    }),
    outputs: z.object({ def: z.string().optional() }),
    behaviour: {
      resolve: (context) => resolveSequential(context, { tasks: "tasks", errors: "errors" }),
      outputs: (context) => (typeof context.task?.def === "string" ? { def: context.task.def } : {}),
    },
  });
}

export default defaultSequential("DefaultSequential1");
