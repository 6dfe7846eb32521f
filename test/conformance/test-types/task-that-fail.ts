/**
 * io.kestra.core.runners.test.TaskThatFail (Kestra's core/src/test): fails with "An exception
 * occurs" while carrying the output `message` (Kestra's RunnableTaskException), so the FAILED
 * task run still has outputs. Kestra passes `message` on as written, without rendering it.
 */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { TaskFailure } from "../../../src/plugin/task-context.js";

export default defineRunnableTask({
  type: "io.kestra.core.runners.test.TaskThatFail",
  title: "Test only: fail, keeping the output `message`.",
  properties: z.strictObject({
    message: z.string(),
  }),
  outputs: z.object({ message: z.string() }),
  async run(context) {
    throw new TaskFailure("An exception occurs", { message: String(context.properties.message) });
  },
});
