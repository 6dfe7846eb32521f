/**
 * The plugin registry: every plugin keyed by its canonical type and by each alias.
 * Built from an explicit list (plugins/index.ts for the product, plus test-only plugins
 * in the conformance harness), never by scanning.
 */
import { closest } from "../util/suggest.js";
import type { PluginCategory, PluginDefinition } from "./define.js";

export interface PluginRegistry {
  /** The plugin for a canonical type or an alias. */
  get(type: string): PluginDefinition | undefined;
  /** The canonical type for a type or alias, or undefined if unknown. */
  canonical(type: string): string | undefined;
  /** All plugins, each once, in registration order. */
  all(): readonly PluginDefinition[];
  /** Canonical types of one category. */
  types(category: PluginCategory): readonly string[];
  /** The nearest known type of that category, for "did you mean". */
  suggest(type: string, category: PluginCategory): string | undefined;
}

export function createRegistry(plugins: readonly PluginDefinition[]): PluginRegistry {
  const byName = new Map<string, PluginDefinition>();
  const add = (name: string, plugin: PluginDefinition) => {
    const existing = byName.get(name);
    if (existing && existing !== plugin) {
      throw new Error(`plugin type ${name} is declared twice (${existing.type} and ${plugin.type})`);
    }
    byName.set(name, plugin);
  };
  for (const plugin of plugins) {
    add(plugin.type, plugin);
    for (const alias of plugin.aliases ?? []) add(alias, plugin);
  }
  const list = [...new Set(plugins)];
  return {
    get: (type) => byName.get(type),
    canonical: (type) => byName.get(type)?.type,
    all: () => list,
    types: (category) => list.filter((p) => p.category === category).map((p) => p.type),
    suggest(type, category) {
      const names = [...byName.entries()].filter(([, p]) => p.category === category).map(([name]) => name);
      const segment = type.slice(type.lastIndexOf(".") + 1);
      const hit = closest(type, names, Math.max(2, Math.floor(segment.length / 3)));
      return hit === undefined ? undefined : byName.get(hit)?.type;
    },
  };
}
