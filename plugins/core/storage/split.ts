/** io.kestra.plugin.core.storage.Split: splits an internal-storage file into several by size, row count, partition count or regex group. */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.storage.Split",
  aliases: ["io.kestra.core.tasks.storages.Split"],
  title: "Split a file from internal storage into multiple files.",
  properties: z.strictObject({
    /** kestra:// URI of the file to split. */
    from: dynamic(z.string().min(1)),
    /** Maximum chunk size: "10MB", "200KB" or a number of bytes. */
    bytes: dynamic(z.union([z.string(), z.number().int()])).optional(),
    /** Number of files to produce. */
    partitions: dynamic(z.number().int()).optional(),
    /** Maximum rows per file. */
    rows: dynamic(z.number().int()).optional(),
    /** Lines are grouped by the value of the first capture group. */
    regexPattern: dynamic(z.string()).optional(),
    separator: dynamic(z.string()).default("\n"),
  }),
  outputs: z.object({
    uris: z.array(z.string()),
  }),
});
