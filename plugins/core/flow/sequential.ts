/** io.kestra.plugin.core.flow.Sequential: runs its children one after another. */
import { z } from "zod";
import { resolveSequential } from "../../../src/executor/flowable.js";
import { defineFlowableTask } from "../../../src/plugin/define.js";
import { taskList } from "../../../src/plugin/properties.js";

export default defineFlowableTask({
  type: "io.kestra.plugin.core.flow.Sequential",
  aliases: ["io.kestra.core.tasks.flows.Sequential"],
  title: "Run tasks one after another.",
  properties: z.strictObject({
    tasks: taskList({ nonEmpty: true }),
    errors: taskList().optional(),
    finally: taskList().optional(),
  }),
  behaviour: { resolve: (context) => resolveSequential(context) },
});
