/**
 * A WorkingDirectory's `namespaceFiles` (Kestra's NamespaceFilesUtils): the files of the
 * listed namespaces (the flow's by default) matching `include` and not `exclude` are
 * written into the working directory at their path, or under `<namespace>/` with
 * `folderPerNamespace`; `ifExists` says what a file already there gets (OVERWRITE by default,
 * FAIL, or WARN and IGNORE, which keep it).
 */
import { type NamespaceFiles, namespaceFileMatcher } from "./namespace-files.js";
import type { WorkingDirectory } from "./working-directory.js";

const IF_EXISTS = ["OVERWRITE", "FAIL", "WARN", "IGNORE"] as const;

function stringList(value: unknown, name: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = typeof value === "string" ? (JSON.parse(value) as unknown) : value;
  if (!Array.isArray(list)) throw new Error(`namespaceFiles.${name} must be a list of strings`);
  return list.map(String);
}

/** Writes the matching namespace files into the directory; resolves to how many were loaded. */
export async function loadNamespaceFiles(
  files: NamespaceFiles,
  config: Readonly<Record<string, unknown>>,
  flowNamespace: string,
  directory: WorkingDirectory,
): Promise<number> {
  const include = stringList(config.include, "include") ?? [];
  const exclude = stringList(config.exclude, "exclude") ?? [];
  const namespaces = stringList(config.namespaces, "namespaces") ?? [flowNamespace];
  const perNamespace = String(config.folderPerNamespace ?? false) === "true";
  const ifExists = String(config.ifExists ?? "OVERWRITE");
  if (!(IF_EXISTS as readonly string[]).includes(ifExists)) {
    throw new Error(`namespaceFiles.ifExists must be one of ${IF_EXISTS.join(", ")}, got '${ifExists}'`);
  }
  const included = include.length > 0 ? namespaceFileMatcher(include) : () => true;
  const excluded = exclude.length > 0 ? namespaceFileMatcher(exclude) : () => false;
  let loaded = 0;
  for (const namespace of namespaces) {
    for (const file of await files.all(namespace)) {
      if (!included(file.path) || excluded(file.path)) continue;
      const target = perNamespace ? `${namespace}${file.path}` : file.path.slice(1);
      if (directory.exists(target)) {
        if (ifExists === "FAIL") throw new Error(`File '${target}' already exists in the working directory`);
        if (ifExists !== "OVERWRITE") continue;
      }
      directory.write(target, (await files.get(namespace, file.path)) ?? new Uint8Array());
      loaded++;
    }
  }
  return loaded;
}
