/**
 * `tern render 'TEMPLATE' [--context ctx.json] [--typed]`: what a template renders to
 * against a JSON context — the "render expression" tool Kestra users know — or the error
 * with its line, column and a caret under the spot.
 */
import { caret } from "../expression/errors.js";
import { createEngine, ExpressionError } from "../expression/index.js";
import { toJson } from "../expression/values.js";
import { messageOf } from "../util/errors.js";
import type { CliIo } from "./io.js";

export async function renderCommand(args: readonly string[], io: CliIo): Promise<number> {
  let template: string | undefined;
  let contextPath: string | undefined;
  let typed = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--typed") typed = true;
    else if (arg === "--context") contextPath = args[++i];
    else if (template === undefined && arg !== undefined) template = arg;
    else {
      io.err(`unexpected argument "${arg}"\n`);
      return 2;
    }
  }
  if (template === undefined) {
    io.err("usage: tern render 'TEMPLATE' [--context ctx.json] [--typed]\n");
    return 2;
  }
  let context: Record<string, unknown> = {};
  if (contextPath !== undefined) {
    try {
      const parsed = JSON.parse(await io.readFile(contextPath)) as unknown;
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        io.err(`${contextPath}: the context must be a JSON object\n`);
        return 2;
      }
      context = parsed as Record<string, unknown>;
    } catch (error) {
      io.err(`${contextPath}: ${messageOf(error)}\n`);
      return 2;
    }
  }
  const engine = createEngine();
  try {
    if (typed) {
      const value = await engine.renderTypedAsync(template, context);
      io.out(`${typeof value === "string" ? JSON.stringify(value) : toJson(value)}\n`);
    } else {
      io.out(`${await engine.renderAsync(template, context)}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof ExpressionError) {
      const where = error.line === undefined ? "" : ` (line ${error.line}, column ${error.column ?? 1})`;
      io.err(`error${where}: ${error.message}\n`);
      if (error.line !== undefined) io.err(`${caret(template, error.line, error.column ?? 1)}\n`);
      return 1;
    }
    throw error;
  }
}
