/** io.kestra.plugin.core.storage.Reverse: writes the lines of an internal-storage file in reverse order, last line first. */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.storage.Reverse",
  aliases: ["io.kestra.core.tasks.storages.Reverse"],
  title: "Reverse a file from internal storage, last line first.",
  properties: z.strictObject({
    /** kestra:// URI of the file. */
    from: dynamic(z.string().min(1)),
    /** Written after each line. */
    separator: dynamic(z.string()).default("\n"),
    charset: dynamic(z.string()).default("UTF-8"),
  }),
  outputs: z.object({
    uri: z.string(),
  }),
});
