/**
 * io.kestra.plugin.core.storage.PurgeCurrentExecutionFiles: deletes every internal-storage file
 * of the current execution (inputs, task outputs, trigger files) and lists their URIs.
 */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.storage.PurgeCurrentExecutionFiles",
  aliases: ["io.kestra.core.tasks.storages.PurgeExecution", "io.kestra.plugin.core.storage.PurgeExecution"],
  title: "Purge all internal-storage files created by the current execution.",
  properties: z.strictObject({
    /** Accepted as Kestra 1.x accepts it; Kestra's task does not act on it either. */
    includeChildExecutions: dynamic(z.boolean()).default(false),
    /** Accepted as Kestra 1.x accepts it; Kestra's task does not act on it either. */
    includeStates: dynamic(z.boolean()).default(false),
  }),
  outputs: z.object({
    /** kestra:// URIs of the deleted files. */
    uris: z.array(z.string()),
  }),
  async run(context) {
    return { outputs: { uris: await context.storage.purgeExecution() } };
  },
});
