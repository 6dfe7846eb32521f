/**
 * io.kestra.plugin.core.namespace.UploadFiles: copies files into a namespace's files, either
 * working-directory files matched by glob (`files`) or internal-storage URIs by target path (`filesMap`).
 */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";

/** What to do when a namespace file already exists. */
export const CONFLICTS = ["OVERWRITE", "ERROR", "SKIP"] as const;

const fileUris = z.record(z.string(), z.string());

export default defineRunnableTask({
  type: "io.kestra.plugin.core.namespace.UploadFiles",
  title: "Upload files to a namespace.",
  properties: z.strictObject({
    namespace: dynamic(z.string().min(1)),
    /** Glob patterns (Ant style, e.g. `glob:**.py`) of working-directory files. */
    files: dynamic(z.array(z.string())).optional(),
    /** Target path → kestra:// URI, or a string rendering to such a JSON map (e.g. another task's file outputs). */
    filesMap: z.union([z.string(), fileUris]).optional(),
    /** Folder the files are uploaded under. */
    destination: dynamic(z.string()).default("/"),
    conflict: dynamic(z.enum(CONFLICTS)).default("OVERWRITE"),
  }),
  outputs: z.object({
    files: fileUris.optional(),
  }),
});
