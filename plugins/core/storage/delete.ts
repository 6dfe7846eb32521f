/** io.kestra.plugin.core.storage.Delete: deletes one internal-storage file of this execution (or of the one that started it). */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";
import { renderBoolean, renderText } from "../../../src/plugin/render.js";

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
  async run(context) {
    const uri = await renderText(context, "uri", context.properties.uri);
    const errorOnMissing = await renderBoolean(context, "errorOnMissing", context.properties.errorOnMissing ?? false);
    const deleted = await context.storage.delete(uri);
    if (errorOnMissing && !deleted) throw new Error(`Unable to find file '${uri}'`);
    return { outputs: { uri, deleted } };
  },
});
