/**
 * io.kestra.core.runners.test.WorkerTaskResultTooLarge (Kestra's core/src/test): outputs a
 * `value` of 1,100,000 characters, more than Kestra's JDBC queue accepts in one message
 * (1 MiB), so Kestra cannot emit the task result and fails the task run.
 */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";

export default defineRunnableTask({
  type: "io.kestra.core.runners.test.WorkerTaskResultTooLarge",
  title: "Test only: a task result larger than 1 MiB.",
  properties: z.strictObject({}),
  outputs: z.object({ value: z.string() }),
  async run() {
    return { outputs: { value: "a".repeat(1_100_000) } };
  },
});
