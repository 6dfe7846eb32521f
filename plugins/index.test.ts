/**
 * The plugin list is explicit: every plugin file is listed in plugins/index.ts, and each
 * file's Kestra type matches its path (io.kestra.plugin.core.flow.ForEachItem lives in
 * plugins/core/flow/for-each-item.ts).
 */
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import type { PluginDefinition } from "../src/plugin/define.js";
import { REPO_ROOT } from "../test/support/kestra.js";
import { plugins, registry } from "./index.js";

const PLUGINS_DIR = join(REPO_ROOT, "plugins");

function moduleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return moduleFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

const pascal = (kebab: string) =>
  kebab
    .split("-")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");

/** plugins/core/flow/for-each-item.ts → io.kestra.plugin.core.flow.ForEachItem */
function typeForPath(file: string): string {
  const parts = relative(PLUGINS_DIR, file).replace(/\.ts$/, "").split("/");
  const name = parts.pop() ?? "";
  return ["io.kestra.plugin", ...parts, pascal(name)].join(".");
}

function isPlugin(value: unknown): value is PluginDefinition {
  return typeof value === "object" && value !== null && "type" in value && "category" in value && "properties" in value;
}

describe("plugins/index.ts", () => {
  const files = moduleFiles(PLUGINS_DIR).filter((f) => relative(PLUGINS_DIR, f) !== "index.ts");

  it("lists every plugin file, and each file's type matches its path", async () => {
    const fromFiles: PluginDefinition[] = [];
    for (const file of files) {
      const module = (await import(file)) as { default?: unknown };
      if (module.default === undefined) continue; // a shared helper module, not a plugin
      expect(isPlugin(module.default), `${relative(REPO_ROOT, file)} default-exports a plugin`).toBe(true);
      const plugin = module.default as PluginDefinition;
      expect(plugin.type, relative(REPO_ROOT, file)).toBe(typeForPath(file));
      expect(plugins, `${plugin.type} is missing from plugins/index.ts`).toContain(plugin);
      fromFiles.push(plugin);
    }
    expect(new Set(plugins)).toEqual(new Set(fromFiles));
  });

  it("resolves every type and alias through the registry", () => {
    for (const plugin of plugins) {
      for (const name of [plugin.type, ...(plugin.aliases ?? [])]) expect(registry.get(name)).toBe(plugin);
    }
  });

  it("declares the core types Kestra flows use most", () => {
    const required = [
      "io.kestra.plugin.core.log.Log",
      "io.kestra.plugin.core.debug.Return",
      "io.kestra.plugin.core.output.OutputValues",
      "io.kestra.plugin.core.execution.Fail",
      "io.kestra.plugin.core.execution.Labels",
      "io.kestra.plugin.core.execution.Exit",
      "io.kestra.plugin.core.execution.Assert",
      "io.kestra.plugin.core.flow.Sequential",
      "io.kestra.plugin.core.flow.Parallel",
      "io.kestra.plugin.core.flow.ForEach",
      "io.kestra.plugin.core.flow.EachSequential",
      "io.kestra.plugin.core.flow.EachParallel",
      "io.kestra.plugin.core.flow.If",
      "io.kestra.plugin.core.flow.Switch",
      "io.kestra.plugin.core.flow.Dag",
      "io.kestra.plugin.core.flow.LoopUntil",
      "io.kestra.plugin.core.flow.AllowFailure",
      "io.kestra.plugin.core.flow.Pause",
      "io.kestra.plugin.core.flow.Subflow",
      "io.kestra.plugin.core.flow.ForEachItem",
      "io.kestra.plugin.core.flow.WorkingDirectory",
      "io.kestra.plugin.core.flow.Sleep",
      "io.kestra.plugin.core.kv.Set",
      "io.kestra.plugin.core.kv.Get",
      "io.kestra.plugin.core.kv.Delete",
      "io.kestra.plugin.core.kv.GetKeys",
      "io.kestra.plugin.core.http.Request",
      "io.kestra.plugin.core.http.Download",
      "io.kestra.plugin.scripts.shell.Script",
      "io.kestra.plugin.scripts.shell.Commands",
      "io.kestra.plugin.scripts.python.Script",
      "io.kestra.plugin.scripts.python.Commands",
      "io.kestra.plugin.scripts.node.Script",
      "io.kestra.plugin.scripts.node.Commands",
      "io.kestra.plugin.core.trigger.Schedule",
      "io.kestra.plugin.core.trigger.Webhook",
      "io.kestra.plugin.core.trigger.Flow",
    ];
    const missing = required.filter((type) => registry.get(type) === undefined);
    expect(missing).toEqual([]);
  });
});
