/** io.kestra.plugin.core.execution.Fail: fails the task (and so the execution), always or when `condition` is truthy. */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.execution.Fail",
  aliases: ["io.kestra.core.tasks.executions.Fail"],
  title: "Fail the execution, optionally only when a condition is truthy.",
  properties: z.strictObject({
    /** Rendered and coerced to a boolean (`0`, `-0`, `''`, `false` are false); without it the task always fails. */
    condition: dynamic(z.string()).optional(),
    errorMessage: dynamic(z.string()).default("Task failure"),
  }),
});
