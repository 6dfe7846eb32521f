/** io.kestra.plugin.core.storage.Concat: concatenates internal-storage files, in order, into one new file. */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";
import { renderText } from "../../../src/plugin/render.js";
import type { TaskContext } from "../../../src/plugin/task-context.js";
import { concatBytes, newFileName, utf8 } from "./files.js";

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
  async run(context) {
    const { files, separator, extension } = context.properties;
    const uris = await fileList(context, files);
    const glue = separator === undefined ? undefined : utf8(await renderText(context, "separator", separator));
    const parts: Uint8Array[] = [];
    for (const item of uris) {
      parts.push(await context.storage.get(await context.renderString(item)));
      if (glue !== undefined) parts.push(glue);
    }
    const name = newFileName(context, await renderText(context, "extension", extension ?? ".tmp"));
    return { outputs: { uri: await context.storage.put(name, concatBytes(parts)) } };
  },
});

/** `files` as Kestra reads it: a list as is, or a string rendered and read as a JSON list of strings. */
async function fileList(context: TaskContext, files: unknown): Promise<string[]> {
  if (Array.isArray(files)) return files.map(String);
  if (typeof files !== "string") throw new Error(`Invalid \`files\` property with type '${typeof files}'`);
  const rendered = await context.renderString(files);
  let parsed: unknown;
  try {
    parsed = JSON.parse(rendered);
  } catch {
    throw new Error(`Invalid \`files\` property: '${rendered}' is not a JSON list of file URIs`);
  }
  if (!Array.isArray(parsed) || parsed.some((item) => typeof item !== "string")) {
    throw new Error(`Invalid \`files\` property: '${rendered}' is not a JSON list of file URIs`);
  }
  return parsed;
}
