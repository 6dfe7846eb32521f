/** io.kestra.plugin.core.namespace.DownloadFiles: copies namespace files matching globs into internal storage; output `files` maps path → URI. */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.namespace.DownloadFiles",
  title: "Download files from a namespace into internal storage.",
  properties: z.strictObject({
    namespace: dynamic(z.string().min(1)),
    /** A glob pattern or path, or a list of them (each rendered). */
    files: z.union([z.string().min(1), z.array(z.string()).min(1)]),
    /** Folder prefix of the stored files. */
    destination: dynamic(z.string()).default(""),
  }),
  outputs: z.object({
    /** Namespace file path → kestra:// URI. */
    files: z.record(z.string(), z.string()),
  }),
});
