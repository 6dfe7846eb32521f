/**
 * io.kestra.plugin.core.storage.LocalFiles (deprecated since Kestra 0.17, still in 1.x):
 * writes files into the WorkingDirectory it runs in and sends matching files back to
 * internal storage. `inputFiles`/`outputFiles` on WorkingDirectory replace it.
 */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.storage.LocalFiles",
  aliases: ["io.kestra.core.tasks.storages.LocalFiles"],
  title: "Create files in the working directory and send files back to internal storage.",
  deprecated: "use `inputFiles` and `outputFiles` on WorkingDirectory or a script task",
  properties: z.strictObject({
    /** File name → content (or a kestra:// URI); a JSON map as a string is accepted too. */
    inputs: dynamic(z.record(z.string(), z.string())).optional(),
    /** Glob patterns of files to send to internal storage. */
    outputs: dynamic(z.array(z.string())).optional(),
  }),
  outputs: z.object({
    uris: z.record(z.string(), z.string()).describe("File name → kestra:// URI of each output file"),
  }),
});
