/**
 * io.kestra.plugin.core.storage.LocalFiles (deprecated since Kestra 0.17, still in 1.x):
 * writes files into the WorkingDirectory it runs in and sends matching files back to
 * internal storage. `inputFiles`/`outputFiles` on WorkingDirectory replace it.
 */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.storage.LocalFiles",
  aliases: ["io.kestra.core.tasks.storages.LocalFiles"],
  title: "Create files in the working directory and send files back to internal storage.",
  deprecated: "use `inputFiles` and `outputFiles` on WorkingDirectory or a script task",
  properties: z.strictObject({
    /** File name → content (or a kestra:// URI); a JSON map as a string is accepted too. */
    inputs: dynamic(z.record(z.string(), z.string())).optional(),
    /** Glob patterns of files to send to internal storage. */
    outputs: dynamic(z.array(z.string())).optional(),
  }),
  outputs: z.object({
    uris: z.record(z.string(), z.string()).describe("File name → kestra:// URI of each output file"),
  }),
  async run(context) {
    const directory = context.workingDirectory;
    if (context.properties.inputs !== undefined) {
      for (const [name, content] of Object.entries(await fileMap(context.render(context.properties.inputs)))) {
        directory.write(name, content.startsWith("kestra://") ? await context.storage.get(content) : content);
      }
    }
    const uris: Record<string, string> = {};
    if (context.properties.outputs !== undefined) {
      const globs = await context.render(context.properties.outputs);
      for (const path of directory.match(Array.isArray(globs) ? globs.map(String) : [String(globs)])) {
        uris[path] = await context.storage.put(path, directory.read(path) ?? new Uint8Array());
      }
    }
    return { outputs: { uris } };
  },
});

/** `inputs` rendered: a map of file name → content, or the JSON text of one. */
async function fileMap(rendered: Promise<unknown>): Promise<Record<string, string>> {
  let value = await rendered;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      throw new Error("`inputs` must be a map of file names to contents, or the JSON text of one");
    }
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new Error("`inputs` must be a map of file names to contents");
  }
  return Object.fromEntries(Object.entries(value).map(([name, content]) => [name, String(content)]));
}
