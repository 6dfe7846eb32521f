/**
 * io.kestra.plugin.core.storage.Split: splits an internal-storage file into several, line by
 * line, by size, row count, partition count or regex group (Kestra's StorageService.split).
 * Each line is written followed by `separator`; the new files keep the source's extension.
 */
import { z } from "zod";
import { defineRunnableTask } from "../../../src/plugin/define.js";
import { dynamic } from "../../../src/plugin/properties.js";
import { renderInteger, renderText } from "../../../src/plugin/render.js";
import type { TaskContext } from "../../../src/plugin/task-context.js";
import { extensionOf, newFileName, textLines, utf8 } from "./files.js";

export default defineRunnableTask({
  type: "io.kestra.plugin.core.storage.Split",
  aliases: ["io.kestra.core.tasks.storages.Split"],
  title: "Split a file from internal storage into multiple files.",
  properties: z.strictObject({
    /** kestra:// URI of the file to split. */
    from: dynamic(z.string().min(1)),
    /** Maximum chunk size: "10MB", "200KB" or a number of bytes. */
    bytes: dynamic(z.union([z.string(), z.number().int()])).optional(),
    /** Number of files to produce. */
    partitions: dynamic(z.number().int()).optional(),
    /** Maximum rows per file. */
    rows: dynamic(z.number().int()).optional(),
    /** Lines are grouped by the value of the first capture group. */
    regexPattern: dynamic(z.string()).optional(),
    separator: dynamic(z.string()).default("\n"),
  }),
  outputs: z.object({
    uris: z.array(z.string()),
  }),
  async run(context) {
    const p = context.properties;
    const from = await renderText(context, "from", p.from);
    const lines = textLines(await context.storage.getText(from));
    const separator = await renderText(context, "separator", p.separator ?? "\n");
    const chunks = await splitLines(context, lines, separator);
    const extension = extensionOf(from) ?? ".tmp";
    const uris: string[] = [];
    for (const chunk of chunks) {
      uris.push(await context.storage.put(newFileName(context, extension), utf8(chunk.join(""))));
    }
    return { outputs: { uris } };
  },
});

/** The files' contents, each a list of `line + separator`, chosen as Kestra chooses: regex, bytes, partitions, rows. */
async function splitLines(context: TaskContext, lines: readonly string[], separator: string): Promise<string[][]> {
  const p = context.properties;
  const rows = lines.map((line) => line + separator);
  if (p.regexPattern !== undefined)
    return byRegex(lines, rows, await renderText(context, "regexPattern", p.regexPattern));
  if (p.bytes !== undefined) {
    const limit = readableBytes(await renderText(context, "bytes", p.bytes));
    return sequential(rows, (bytes) => bytes >= limit);
  }
  if (p.partitions !== undefined) return partition(rows, await renderInteger(context, "partitions", p.partitions));
  if (p.rows !== undefined) {
    const limit = await renderInteger(context, "rows", p.rows);
    return sequential(rows, (_, count) => count >= limit);
  }
  throw new Error("Invalid configuration with no size, count, rows, nor regexPattern");
}

/** Consecutive rows; a new file starts when the current one is full (checked before writing a row). */
function sequential(rows: readonly string[], full: (bytes: number, count: number) => boolean): string[][] {
  const files: string[][] = [];
  let current: string[] | undefined;
  let bytes = 0;
  for (const row of rows) {
    if (current === undefined || full(bytes, current.length)) {
      current = [];
      files.push(current);
      bytes = 0;
    }
    current.push(row);
    bytes += utf8(row).byteLength;
  }
  return files;
}

/** Rows dealt round robin into `count` files; empty files are left out. */
function partition(rows: readonly string[], count: number): string[][] {
  if (count < 1) throw new Error(`\`partitions\` must be at least 1, got ${count}`);
  const files: string[][] = Array.from({ length: count }, () => []);
  rows.forEach((row, i) => {
    files[i % count]?.push(row);
  });
  return files.filter((file) => file.length > 0);
}

/** Rows grouped by their first capture group, files in order of first appearance; rows that do not match are dropped. */
function byRegex(lines: readonly string[], rows: readonly string[], pattern: string): string[][] {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern);
  } catch (error) {
    throw new Error(`Invalid \`regexPattern\` '${pattern}': ${(error as Error).message}`);
  }
  const groups = new Map<string | undefined, string[]>();
  lines.forEach((line, i) => {
    const match = regex.exec(line);
    if (match === null || match.length < 2) return;
    const key = match[1];
    const group = groups.get(key) ?? [];
    if (group.length === 0) groups.set(key, group);
    group.push(rows[i] as string);
  });
  return [...groups.values()];
}

/** Micronaut's ReadableBytesTypeConverter: `<n>KB`, `<n>MB`, `<n>GB` (binary multiples, any case) or a number of bytes. */
export function readableBytes(text: string): number {
  const value = text.toUpperCase();
  const units: Record<string, number> = { KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };
  const unit = units[value.slice(-2)];
  const digits = unit === undefined ? value : value.slice(0, -2);
  if (!/^[-+]?\d+$/.test(digits)) throw new Error(`Invalid size with value '${text}'`);
  return Number(digits) * (unit ?? 1);
}
