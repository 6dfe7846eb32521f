/** io.kestra.plugin.core.storage.Delete: deletes one internal-storage file. */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.storage.Delete",
  aliases: ["io.kestra.core.tasks.storages.Delete"],
  title: "Delete a file from internal storage.",
  properties: z.strictObject({
    /** kestra:// URI of the file. */
    uri: dynamic(z.string().min(1)),
    /** Fail when the file does not exist. */
    errorOnMissing: dynamic(z.boolean()).default(false),
  }),
  outputs: z.object({
    uri: z.string(),
    deleted: z.boolean(),
  }),
});
