/**
 * The path rules of namespace files: canonical paths within a namespace (`..`, drive letters,
 * other schemes and other namespaces' URIs refused) and Kestra's PathMatcherPredicate for
 * the globs and regexes the namespace tasks and a WorkingDirectory's `namespaceFiles` take.
 */
import { SCHEME } from "./internal.js";
import { globToRegExp } from "./working-directory.js";

export type NamespaceFileErrorCode =
  | "nsfile.invalid-path"
  | "nsfile.not-found"
  | "nsfile.exists"
  | "nsfile.not-a-directory"
  | "nsfile.is-a-directory";

export class NamespaceFileError extends Error {
  constructor(
    readonly code: NamespaceFileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "NamespaceFileError";
  }
}

export const TRAVERSAL_MESSAGE = "File should be accessed with their full path and not using relative '..' path.";

/**
 * A namespace-file path made canonical: `/a/b.txt` for `a/b.txt`, `/a//b.txt`, `./a/b.txt`,
 * `a\b.txt` or `kestra:///<ns>/_files/a/b.txt`; `/` for the root. Refuses `..`, a drive
 * letter, another scheme, or a `kestra://` URI of another namespace.
 */
export function namespaceFilePath(path: string, namespace?: string): string {
  let rest = path;
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(rest) && !/^[a-zA-Z]:[\\/]/.test(rest)) {
    const prefix = namespace === undefined ? undefined : `${SCHEME}/${namespacePath(namespace)}/_files`;
    if (prefix === undefined || !rest.toLowerCase().startsWith("kestra:")) {
      throw new NamespaceFileError("nsfile.invalid-path", `Invalid namespace file path '${path}': use a relative path`);
    }
    const normalized = `${SCHEME}/${rest.replace(/^kestra:\/*/i, "")}`;
    if (normalized !== prefix && !normalized.startsWith(`${prefix}/`)) {
      throw new NamespaceFileError(
        "nsfile.invalid-path",
        `Invalid Kestra URI. Expected prefix for namespace '${namespace}', but was ${path}.`,
      );
    }
    rest = normalized.slice(prefix.length);
  }
  if (/^[a-zA-Z]:[\\/]/.test(rest) || rest.startsWith("\\\\")) {
    throw new NamespaceFileError("nsfile.invalid-path", `'${path}' is an absolute path outside the namespace files`);
  }
  let decoded = rest;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    // a literal `%`: the path as written
  }
  const segments = rest.split(/[\\/]+/).filter((segment) => segment !== "" && segment !== ".");
  if (segments.includes("..") || decoded.split(/[\\/]+/).includes("..")) {
    throw new NamespaceFileError("nsfile.invalid-path", TRAVERSAL_MESSAGE);
  }
  if (segments.some((segment) => segment.includes("\0"))) {
    throw new NamespaceFileError("nsfile.invalid-path", `'${path}' holds a NUL character`);
  }
  return `/${segments.join("/")}`;
}

export function namespacePath(namespace: string): string {
  return namespace.replaceAll(".", "/");
}

/**
 * Kestra's PathMatcherPredicate for namespace files: each pattern is a `glob:` or `regex:`
 * pattern, or a bare glob (one starting with a word character matches at any depth, as
 * `**\/<pattern>`), tested against the file's path with its leading `/`.
 */
export function namespaceFileMatcher(patterns: readonly string[]): (path: string) => boolean {
  const tests = patterns.map((pattern): RegExp => {
    if (pattern.startsWith("regex:")) return new RegExp(`^(?:${pattern.slice("regex:".length)})$`);
    let glob = pattern.startsWith("glob:") ? pattern.slice("glob:".length) : pattern;
    if (!pattern.startsWith("glob:") && /^\w/.test(glob)) glob = `**/${glob}`;
    return globToRegExp(glob.replaceAll("\\", "/"));
  });
  return (path) => tests.some((test) => test.test(path));
}
