/**
 * io.kestra.plugin.core.namespace.DownloadFiles: copies the namespace files matching globs
 * (or paths) into this task run's internal storage; output `files` maps each file's path
 * (`/a/b.txt`) to its new kestra:// URI.
 */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";
import type { TaskContext } from "../../../src/plugin/task-context.js";
import { namespaceFileMatcher } from "../../../src/storage/namespace-files.js";
import { renderText } from "../kv/properties.js";

/** The `files` property rendered: one pattern or a list of them. */
export async function renderPatterns(context: TaskContext): Promise<string[]> {
  const files = context.properties.files;
  if (typeof files === "string") return [await context.renderString(files)];
  if (!Array.isArray(files)) throw new Error("The files property must be a string or a list of strings");
  return Promise.all(files.map((file) => context.renderString(String(file))));
}

export default defineRunnableTask({
  type: "io.kestra.plugin.core.namespace.DownloadFiles",
  title: "Download files from a namespace into internal storage.",
  properties: z.strictObject({
    namespace: dynamic(z.string().min(1)),
    /** A glob pattern or path, or a list of them (each rendered). */
    files: z.union([z.string().min(1), z.array(z.string()).min(1)]),
    /** Folder prefix of the stored files. */
    destination: dynamic(z.string()).default(""),
  }),
  outputs: z.object({
    /** Namespace file path → kestra:// URI. */
    files: z.record(z.string(), z.string()),
  }),
  async run(context) {
    const namespace = await renderText(context, "namespace");
    const destination = (await renderText(context, "destination")).replace(/^\/+/, "");
    const matches = namespaceFileMatcher(await renderPatterns(context));
    const downloaded: Record<string, string> = {};
    for (const file of await context.namespaceFiles.all(namespace)) {
      if (!matches(file.path)) continue;
      const bytes = (await context.namespaceFiles.get(namespace, file.path)) ?? new Uint8Array();
      const name = destination === "" ? file.path.slice(1) : `${destination.replace(/\/+$/, "")}${file.path}`;
      downloaded[file.path] = await context.storage.put(name, bytes);
      context.logger.debug(`Downloaded ${downloaded[file.path]}`);
    }
    return { outputs: { files: downloaded } };
  },
});
