/** io.kestra.plugin.core.storage.Concat: concatenates internal-storage files, in order, into one new file. */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.storage.Concat",
  aliases: ["io.kestra.core.tasks.storages.Concat"],
  title: "Concatenate files from internal storage.",
  properties: z.strictObject({
    /** kestra:// URIs: a list (each item rendered) or a string rendering to a JSON list. */
    files: z.union([z.string(), z.array(z.string())]),
    /** Written after each file; none by default. */
    separator: dynamic(z.string()).optional(),
    /** Extension of the created file. */
    extension: dynamic(z.string()).default(".tmp"),
  }),
  outputs: z.object({
    uri: z.string(),
  }),
});
