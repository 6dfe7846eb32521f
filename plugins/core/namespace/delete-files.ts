/** io.kestra.plugin.core.namespace.DeleteFiles: deletes the namespace files matching globs or paths. */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";
import { namespaceFileMatcher } from "../../../src/storage/namespace-files.js";
import { renderFlag, renderText } from "../kv/properties.js";
import { renderPatterns } from "./download-files.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.namespace.DeleteFiles",
  title: "Delete files from a namespace.",
  properties: z.strictObject({
    namespace: dynamic(z.string().min(1)),
    /** A glob pattern or path, or a list of them (each rendered). */
    files: z.union([z.string(), z.array(z.string())]),
    /** Also remove parent folders left empty. */
    deleteParentFolder: dynamic(z.boolean()).default(false),
  }),
  outputs: z.object({
    files: z.record(z.string(), z.string()).optional(),
  }),
  async run(context) {
    const namespace = await renderText(context, "namespace");
    const matches = namespaceFileMatcher(await renderPatterns(context));
    const pruneEmptyParents = await renderFlag(context, "deleteParentFolder", false);
    for (const file of await context.namespaceFiles.all(namespace)) {
      if (!matches(file.path)) continue;
      if (await context.namespaceFiles.delete(namespace, file.path, { pruneEmptyParents })) {
        context.logger.debug(`Deleted ${file.path}`);
      }
    }
    return { outputs: {} };
  },
});
