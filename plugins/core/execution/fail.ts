/** io.kestra.plugin.core.execution.Fail: fails the task (and so the execution), always or when `condition` is truthy. */
import { z } from "zod";
import { truthy } from "../../../src/executor/step.js";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";
import { TaskFailure } from "../../../src/plugin/task-context.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.execution.Fail",
  aliases: ["io.kestra.core.tasks.executions.Fail"],
  title: "Fail the execution, optionally only when a condition is truthy.",
  properties: z.strictObject({
    /** Rendered and coerced to a boolean (`0`, `-0`, `''`, `false` are false); without it the task always fails. */
    condition: dynamic(z.string()).optional(),
    errorMessage: dynamic(z.string()).default("Task failure"),
  }),
  async run(context) {
    const { condition, errorMessage } = context.properties;
    if (condition !== undefined && !truthy(await context.render(condition))) return undefined;
    const message = await context.renderString(String(errorMessage ?? "Task failure"));
    if (condition !== undefined) {
      context.logger.error(message);
      throw new TaskFailure("Fail on a condition");
    }
    throw new TaskFailure(message);
  },
});
