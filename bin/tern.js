#!/usr/bin/env node
// `npx tern ...`: runs the TypeScript CLI through tsx (a dev dependency of this repository)
// with Node's console and file system.
import { readFile } from "node:fs/promises";
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
const { registry } = await import("../plugins/index.ts");
process.exitCode = await main(
  process.argv.slice(2),
  {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    readFile: (path) => readFile(path, "utf8"),
  },
  registry,
);
