/**
 * A validation problem in a flow: what is wrong, where (property path, and line and
 * column in the YAML source when known), and a stable code to tell problems apart.
 */

export type IssueCode =
  | "yaml.syntax"
  | "yaml.duplicate-key"
  | "yaml.too-large"
  | "yaml.too-deep"
  | "yaml.empty"
  | "yaml.not-a-map"
  | "yaml.alias"
  | "property.unknown"
  | "property.invalid"
  | "type.missing"
  | "type.unknown"
  | "type.unsupported"
  | "flow.rule"
  | "plugin.check";

export type PathSegment = string | number;

export interface FlowIssue {
  readonly code: IssueCode;
  readonly message: string;
  /** Property path inside the document, e.g. `tasks[2].then[0].format`; "" for the document itself. */
  readonly path: string;
  readonly line?: number;
  readonly column?: number;
}

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/** `["tasks", 2, "then", 0, "format"]` → `tasks[2].then[0].format`; odd keys are quoted: `cases["a b"]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** One line per issue: `path: message` (Kestra's constraint-violation text), with the position when known. */
export function describeIssue(issue: FlowIssue): string {
  const where = issue.line === undefined ? "" : ` (line ${issue.line}, column ${issue.column ?? 1})`;
  return issue.path === "" ? `${issue.message}${where}` : `${issue.path}: ${issue.message}${where}`;
}
