/**
 * io.kestra.core.tasks.test.Read (Kestra's core/src/test): reads a file of its working
 * directory (`path`, rendered) into the output `value`; fails when there is no such file.
 */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";

export default defineRunnableTask({
  type: "io.kestra.core.tasks.test.Read",
  title: "Test only: read a working-directory file.",
  properties: z.strictObject({ path: z.string() }),
  outputs: z.object({ value: z.string() }),
  async run(context) {
    const path = await context.renderString(String(context.properties.path));
    const bytes = context.workingDirectory.read(path.replace(/^\/+/, ""));
    if (bytes === undefined) throw new Error(`${path} (No such file or directory)`);
    return { outputs: { value: new TextDecoder().decode(bytes) } };
  },
});
