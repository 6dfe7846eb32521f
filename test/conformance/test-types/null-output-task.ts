/**
 * io.kestra.core.tasks.test.NullOutputTask (Kestra's core/src/test): its output `value` is
 * never set but is declared `@JsonInclude(ALWAYS)`, so the task run's outputs hold the key
 * with a null value.
 */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";

export default defineRunnableTask({
  type: "io.kestra.core.tasks.test.NullOutputTask",
  title: "Test only: output `value` kept as null.",
  properties: z.strictObject({}),
  outputs: z.object({ value: z.string().nullable() }),
  async run() {
    return { outputs: { value: null } };
  },
});
