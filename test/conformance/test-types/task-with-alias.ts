/**
 * io.kestra.core.runners.test.TaskWithAlias (Kestra's core/src/test), also reachable as
 * io.kestra.core.runners.test.task.Alias: logs `message` at INFO (as written: Kestra does
 * not render it) and has no outputs.
 */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";

export default defineRunnableTask({
  type: "io.kestra.core.runners.test.TaskWithAlias",
  aliases: ["io.kestra.core.runners.test.task.Alias"],
  title: "Test only: a task declared with an alias, logging `message`.",
  properties: z.strictObject({
    message: z.string(),
  }),
  async run(context) {
    context.logger.info(String(context.properties.message));
    return undefined;
  },
});
