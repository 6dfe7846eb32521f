/**
 * A task's working directory: the files a task (or the tasks of a WorkingDirectory) reads and
 * writes by relative path. Light tasks on a host keep it in memory; the script runner maps it
 * to a real directory. Paths are relative, `/`-separated, and may not climb out with `..`.
 */

export class WorkingDirectoryError extends Error {
  readonly code = "workdir.invalid-path";
  constructor(message: string) {
    super(message);
    this.name = "WorkingDirectoryError";
  }
}

/** A relative path made canonical (`./a//b` → `a/b`); refuses absolute paths and `..`. */
export function relativePath(path: string): string {
  if (path.startsWith("/") || /^[a-zA-Z]:[\\/]/.test(path)) {
    throw new WorkingDirectoryError(`'${path}' is an absolute path; use a path relative to the working directory`);
  }
  const segments = path.split(/[\\/]+/).filter((segment) => segment !== "" && segment !== ".");
  if (segments.includes("..")) throw new WorkingDirectoryError(`'${path}' leaves the working directory`);
  if (segments.length === 0) throw new WorkingDirectoryError(`'${path}' is not a file path`);
  return segments.join("/");
}

/**
 * A glob (Java's `glob:` PathMatcher, as Kestra matches output files) as a regular
 * expression: `*` and `?` stay within a path segment, `**` crosses them, `{a,b}` alternates.
 */
export function globToRegExp(glob: string): RegExp {
  let source = "";
  let group = 0;
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i] as string;
    if (char === "*") {
      if (glob[i + 1] === "*") {
        source += ".*";
        i++;
      } else source += "[^/]*";
    } else if (char === "?") source += "[^/]";
    else if (char === "{") {
      group++;
      source += "(?:";
    } else if (char === "}" && group > 0) {
      group--;
      source += ")";
    } else if (char === "," && group > 0) source += "|";
    else source += char.replace(/[.+^$()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

export class WorkingDirectory {
  private readonly files = new Map<string, Uint8Array>();

  write(path: string, content: Uint8Array | string): void {
    this.files.set(relativePath(path), typeof content === "string" ? new TextEncoder().encode(content) : content);
  }

  read(path: string): Uint8Array | undefined {
    return this.files.get(relativePath(path));
  }

  exists(path: string): boolean {
    return this.files.has(relativePath(path));
  }

  delete(path: string): boolean {
    return this.files.delete(relativePath(path));
  }

  /** Every file, sorted. */
  list(): string[] {
    return [...this.files.keys()].sort();
  }

  /** Files matching any of the globs, sorted. */
  match(globs: readonly string[]): string[] {
    const patterns = globs.map(globToRegExp);
    return this.list().filter((path) => patterns.some((pattern) => pattern.test(path)));
  }
}
