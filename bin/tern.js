#!/usr/bin/env node
// `npx tern ...`: runs the TypeScript CLI through tsx (a dev dependency of this repository)
// with Node's console and file system.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { register } from "tsx/esm/api";

register();

/**
 * Every file under a directory, recursively and sorted (so flows deploy in a stable order);
 * hidden entries and node_modules are left out.
 */
async function listFiles(dir) {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

const { main } = await import("../src/cli/main.ts");
const { registry } = await import("../plugins/index.ts");
process.exitCode = await main(
  process.argv.slice(2),
  {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    readFile: (path) => readFile(path, "utf8"),
    listFiles,
    env: process.env,
  },
  registry,
);
