/** io.kestra.plugin.core.flow.Parallel: starts its children together, at most `concurrent` at a time (0 = no limit). */
import { z } from "zod";
import { resolveConcurrent } from "../../../src/executor/flowable.js";
import { defineFlowableTask } from "../../../src/plugin/define.js";
import { taskList } from "../../../src/plugin/properties.js";

export default defineFlowableTask({
  type: "io.kestra.plugin.core.flow.Parallel",
  aliases: ["io.kestra.core.tasks.flows.Parallel"],
  title: "Run tasks in parallel.",
  properties: z.strictObject({
    tasks: taskList({ nonEmpty: true }),
    concurrent: z.number().int().min(0).default(0).describe("How many children may run at once; 0 means no limit"),
    errors: taskList().optional(),
    finally: taskList().optional(),
  }),
  behaviour: {
    resolve: (context) => resolveConcurrent(context, Number(context.task?.concurrent ?? 0)),
  },
});
