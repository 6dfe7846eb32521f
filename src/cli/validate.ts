/** `tern validate FILES...`: validates flow files; exits non-zero when any is invalid. */
import { parseFlow } from "../flow/index.js";
import type { PluginRegistry } from "../plugin/registry.js";
import { messageOf } from "../util/errors.js";
import type { CliIo } from "./io.js";

export async function validateCommand(files: readonly string[], io: CliIo, registry: PluginRegistry): Promise<number> {
  if (files.length === 0) {
    io.err("usage: tern validate FLOW.yaml...\n");
    return 2;
  }
  let invalid = 0;
  for (const file of files) {
    let source: string;
    try {
      source = await io.readFile(file);
    } catch (error) {
      io.err(`${file}: ${messageOf(error)}\n`);
      invalid++;
      continue;
    }
    const result = parseFlow(source, { registry });
    if (result.ok) {
      io.out(`${file}: valid (${result.flow.namespace}.${result.flow.id})\n`);
      for (const warning of result.warnings) io.out(`${file}: warning: ${warning}\n`);
      continue;
    }
    invalid++;
    for (const issue of result.issues) {
      const where = issue.line === undefined ? "" : `${issue.line}:${issue.column ?? 1}:`;
      io.err(`${file}:${where} ${issue.path === "" ? "" : `${issue.path}: `}${issue.message}\n`);
    }
  }
  return invalid === 0 ? 0 : 1;
}
