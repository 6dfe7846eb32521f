/**
 * src/ is the portable core: it must run on Workers, Deno, Node and in a browser. This
 * bundles every module of src/ (with its dependencies) for esbuild's neutral platform
 * and fails on any import of a Node or Cloudflare built-in, or of code outside src/.
 */
import { readdirSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative, resolve } from "node:path";
import { build, type Plugin } from "esbuild";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/kestra.js";

const SRC = join(REPO_ROOT, "src");
const NODE_BUILTINS = new Set(builtinModules);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

/** Records every forbidden import instead of resolving it. */
function forbidImports(found: string[]): Plugin {
  return {
    name: "forbid-platform-imports",
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        const spec = args.path;
        const platform = spec.startsWith("node:") || spec.startsWith("cloudflare:") || NODE_BUILTINS.has(spec);
        if (platform) {
          found.push(`${relative(REPO_ROOT, args.importer)} imports ${spec}`);
          return { path: spec, external: true };
        }
        if (spec.startsWith(".") && args.importer.startsWith(SRC)) {
          const target = resolve(args.resolveDir, spec);
          if (!target.startsWith(SRC)) found.push(`${relative(REPO_ROOT, args.importer)} imports ${spec} outside src/`);
        }
        return undefined;
      });
    },
  };
}

async function forbiddenImports(entryPoints: string[] | { in: string; out: string }[], stdin?: string) {
  const found: string[] = [];
  await build({
    ...(stdin === undefined
      ? { entryPoints }
      : { stdin: { contents: stdin, resolveDir: SRC, sourcefile: "probe.ts", loader: "ts" as const } }),
    bundle: true,
    write: false,
    platform: "neutral",
    format: "esm",
    mainFields: ["module", "main"],
    outdir: join(REPO_ROOT, "dist", "portability"),
    logLevel: "silent",
    plugins: [forbidImports(found)],
  });
  return found;
}

describe("src/ portability", () => {
  it("bundles for a neutral platform without Node, Cloudflare or out-of-tree imports", async () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(10);
    expect(await forbiddenImports(files)).toEqual([]);
    // Bundling all of src/ takes seconds on a loaded 2-core machine.
  }, 60_000);

  it("would catch a module that imports a platform built-in", async () => {
    const found = await forbiddenImports(
      [],
      'import { readFileSync } from "node:fs"; import "cloudflare:workers"; export { readFileSync };',
    );
    expect(found).toHaveLength(2);
  });
});
