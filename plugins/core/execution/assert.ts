/** io.kestra.plugin.core.execution.Assert: fails the task when any rendered condition is falsy. */
import { z } from "zod";
import { truthy } from "../../../src/executor/step.js";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";
import { TaskFailure } from "../../../src/plugin/task-context.js";
import { messageOf } from "../../../src/util/errors.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.execution.Assert",
  title: "Assert some conditions; fail the task if one is falsy.",
  properties: z.strictObject({
    /** Each item is rendered and coerced to a boolean; the list itself is not an expression. */
    conditions: z.array(z.string()),
    /** Appended, after a newline, to the "N assertion(s) failed!" error. */
    errorMessage: dynamic(z.string()).optional(),
  }),
  async run(context) {
    const { conditions, errorMessage } = context.properties as { conditions: string[]; errorMessage?: unknown };
    let failed = 0;
    for (const condition of conditions) {
      let rendered: string;
      try {
        rendered = await context.renderString(condition);
      } catch (error) {
        context.logger.error(`Assertion \`${condition}\` failed, failed to render \`${messageOf(error)}\``);
        failed++;
        continue;
      }
      if (!truthy(rendered)) {
        context.logger.error(`Assertion \`${condition}\` failed!`);
        failed++;
      }
    }
    if (failed === 0) return undefined;
    const detail = errorMessage === undefined ? "" : `\n${await context.renderString(String(errorMessage))}`;
    throw new TaskFailure(`${failed} assertion${failed > 1 ? "s" : ""} failed!${detail}`);
  },
});
