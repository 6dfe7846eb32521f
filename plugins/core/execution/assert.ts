/** io.kestra.plugin.core.execution.Assert: fails the task when any rendered condition is falsy. */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.execution.Assert",
  title: "Assert some conditions; fail the task if one is falsy.",
  properties: z.strictObject({
    /** Each item is rendered and coerced to a boolean; the list itself is not an expression. */
    conditions: z.array(z.string()),
    /** Appended, after a newline, to the "N assertion(s) failed!" error. */
    errorMessage: dynamic(z.string()).optional(),
  }),
});
