/** io.kestra.plugin.core.storage.Size: returns the size in bytes of an internal-storage file. */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";
import { renderText } from "../../../src/plugin/render.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.storage.Size",
  aliases: ["io.kestra.core.tasks.storages.Size"],
  title: "Get the size of a file from internal storage.",
  properties: z.strictObject({
    /** kestra:// URI of the file. */
    uri: dynamic(z.string().min(1)),
  }),
  outputs: z.object({
    size: z.number().int(),
  }),
  async run(context) {
    const uri = await renderText(context, "uri", context.properties.uri);
    const found = await context.storage.stat(uri);
    if (!found) throw new Error(`File '${uri}' does not exist`);
    return { outputs: { size: found.size } };
  },
});
