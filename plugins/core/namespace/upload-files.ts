/**
 * io.kestra.plugin.core.namespace.UploadFiles: copies files into a namespace's files: from
 * the working directory by glob or from internal storage by URI (`files` as a list), or by
 * target path (`files` or `filesMap` as a map of path → kestra:// URI). A URI that does not
 * exist is skipped, as Kestra skips it; `conflict` says what an existing file gets.
 */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";
import type { TaskContext } from "../../../src/plugin/task-context.js";
import { type Conflict, namespaceFileMatcher } from "../../../src/storage/namespace-files.js";
import { globToRegExp } from "../../../src/storage/working-directory.js";
import { renderText } from "../kv/properties.js";

/** What to do when a namespace file already exists. */
export const CONFLICTS = ["OVERWRITE", "ERROR", "SKIP"] as const;

const fileUris = z.record(z.string(), z.string());

/** Working-directory files matching Kestra's patterns (a bare glob is relative to the directory). */
function workingDirectoryMatches(context: TaskContext, patterns: readonly string[]): string[] {
  const tests = patterns.map((pattern) =>
    /^(glob|regex):/.test(pattern)
      ? namespaceFileMatcher([pattern])
      : (path: string) => globToRegExp(`/${pattern.replace(/^\/+/, "")}`).test(path),
  );
  return context.workingDirectory.list().filter((path) => tests.some((test) => test(`/${path}`)));
}

/** A file of internal storage, or undefined when it does not exist (Kestra's isFileExist). */
async function storedFile(context: TaskContext, uri: string): Promise<Uint8Array | undefined> {
  return (await context.storage.stat(uri)) ? context.storage.get(uri) : undefined;
}

function joinPath(folder: string, path: string): string {
  return `${folder.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}

async function renderedMap(context: TaskContext, value: unknown, name: string): Promise<Record<string, unknown>> {
  let map = await context.render(value);
  if (typeof map === "string") map = JSON.parse(map);
  if (map === null || typeof map !== "object" || Array.isArray(map)) {
    throw new Error(`${name} must be a map of target paths to kestra:// URIs`);
  }
  return map as Record<string, unknown>;
}

export default defineRunnableTask({
  type: "io.kestra.plugin.core.namespace.UploadFiles",
  title: "Upload files to a namespace.",
  properties: z.strictObject({
    namespace: dynamic(z.string().min(1)),
    /** Glob patterns (Ant style, e.g. `glob:**.py`) of working-directory files or kestra:// URIs; or a map like `filesMap`. */
    files: z.union([dynamic(z.array(z.string())), fileUris]).optional(),
    /** Target path → kestra:// URI, or a string rendering to such a JSON map (e.g. another task's file outputs). */
    filesMap: z.union([z.string(), fileUris]).optional(),
    /** Folder the files are uploaded under. */
    destination: dynamic(z.string()).default("/"),
    conflict: dynamic(z.enum(CONFLICTS)).default("OVERWRITE"),
  }),
  outputs: z.object({
    files: fileUris.optional(),
  }),
  async run(context) {
    const { files, filesMap } = context.properties;
    if (files === undefined && filesMap === undefined) throw new Error("files or filesMap is required");
    const namespace = await renderText(context, "namespace");
    const destination = `/${(await renderText(context, "destination")).replace(/^\/+/, "")}`;
    const conflict = await renderText(context, "conflict");
    if (!(CONFLICTS as readonly string[]).includes(conflict)) {
      throw new Error(`'conflict' must be one of ${CONFLICTS.join(", ")}, got '${conflict}'`);
    }
    const put = (path: string, bytes: Uint8Array) =>
      context.namespaceFiles.put(namespace, path, bytes, { conflict: conflict as Conflict });
    const fromUris = async (map: Record<string, unknown>, folder: string) => {
      for (const [target, uri] of Object.entries(map)) {
        if (typeof uri !== "string") throw new Error("files must be a List<String> or a Map<String, String>");
        const bytes = await storedFile(context, uri);
        if (bytes !== undefined) await put(joinPath(folder, target), bytes);
      }
    };
    if (Array.isArray(files) || typeof files === "string") {
      const rendered = await context.render(files);
      const list = (typeof rendered === "string" ? JSON.parse(rendered) : rendered) as unknown;
      if (!Array.isArray(list)) throw new Error("files must be a list of globs or kestra:// URIs");
      const patterns: string[] = [];
      for (const item of list.map(String)) {
        if (!item.startsWith("kestra://")) patterns.push(item);
        else {
          const bytes = await storedFile(context, item);
          const name = decodeURIComponent(item.slice(item.lastIndexOf("/") + 1));
          if (bytes !== undefined) await put(joinPath(destination, name), bytes);
        }
      }
      for (const path of workingDirectoryMatches(context, patterns)) {
        await put(joinPath(destination, path), context.workingDirectory.read(path) ?? new Uint8Array());
      }
    } else if (files !== undefined) await fromUris(await renderedMap(context, files, "files"), "/");
    if (filesMap !== undefined) await fromUris(await renderedMap(context, filesMap, "filesMap"), destination);
    return { outputs: {} };
  },
});
