/**
 * io.kestra.plugin.core.flow.AllowFailure (deprecated): runs its children one after another;
 * if they fail, the block ends in WARNING so the flow carries on.
 */
import { z } from "zod";
import { resolveSequential } from "../../../src/executor/flowable.js";
import { defineFlowableTask } from "../../../src/plugin/define.js";
import { taskList } from "../../../src/plugin/properties.js";

export default defineFlowableTask({
  type: "io.kestra.plugin.core.flow.AllowFailure",
  aliases: ["io.kestra.core.tasks.flows.AllowFailure"],
  title: "Let a block of tasks fail without failing the execution.",
  deprecated: "Set `allowFailure: true` on the task (or on a Sequential) instead.",
  properties: z.strictObject({
    tasks: taskList({ nonEmpty: true }),
    errors: taskList().optional(),
    finally: taskList().optional(),
  }),
  behaviour: {
    resolve(context) {
      const resolution = resolveSequential(context);
      return resolution.state === "FAILED" ? { ...resolution, state: "WARNING" } : resolution;
    },
  },
});
