/** io.kestra.plugin.core.storage.PurgeCurrentExecutionFiles: deletes every internal-storage file of the current execution (inputs, outputs, trigger files). */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.storage.PurgeCurrentExecutionFiles",
  aliases: ["io.kestra.core.tasks.storages.PurgeExecution", "io.kestra.plugin.core.storage.PurgeExecution"],
  title: "Purge all internal-storage files created by the current execution.",
  properties: z.strictObject({}),
  outputs: z.object({
    /** kestra:// URIs of the deleted files. */
    uris: z.array(z.string()),
  }),
});
