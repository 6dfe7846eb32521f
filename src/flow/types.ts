/**
 * Resolving the `type` of a task, trigger or condition: canonical names, the legacy
 * package names Kestra still accepts, and the Kestra types Tern knows were removed.
 */
import type { PluginCategory } from "../plugin/define.js";
import type { PluginRegistry } from "../plugin/registry.js";

/** Legacy package prefixes (Kestra < 0.17) and where those classes live now. */
const LEGACY_PACKAGES: readonly (readonly [string, string])[] = [
  ["io.kestra.core.tasks.flows.", "io.kestra.plugin.core.flow."],
  ["io.kestra.core.tasks.log.", "io.kestra.plugin.core.log."],
  ["io.kestra.core.tasks.debugs.", "io.kestra.plugin.core.debug."],
  ["io.kestra.core.tasks.executions.", "io.kestra.plugin.core.execution."],
  ["io.kestra.core.tasks.outputs.", "io.kestra.plugin.core.output."],
  ["io.kestra.core.tasks.storages.", "io.kestra.plugin.core.storage."],
  ["io.kestra.core.tasks.states.", "io.kestra.plugin.core.state."],
  ["io.kestra.core.tasks.kv.", "io.kestra.plugin.core.kv."],
  ["io.kestra.core.tasks.namespace.", "io.kestra.plugin.core.namespace."],
  ["io.kestra.core.tasks.trigger.", "io.kestra.plugin.core.trigger."],
  ["io.kestra.core.models.triggers.types.", "io.kestra.plugin.core.trigger."],
  ["io.kestra.core.models.conditions.types.", "io.kestra.plugin.core.condition."],
  ["io.kestra.plugin.fs.http.", "io.kestra.plugin.core.http."],
];

/** Kestra types that no longer exist in 1.x, with what replaced them. */
const REMOVED: readonly (readonly [string, string])[] = [
  ["io.kestra.plugin.core.state.", "State tasks were removed from Kestra; use io.kestra.plugin.core.kv.Set/Get/Delete"],
  ["io.kestra.plugin.core.flow.Template", "Templates were removed from Kestra; use io.kestra.plugin.core.flow.Subflow"],
  ["io.kestra.plugin.core.templating.", "TemplatedTask was removed from Kestra"],
];

const CATEGORY_NAMES: Record<PluginCategory, string> = {
  task: "task",
  trigger: "trigger",
  condition: "condition",
  taskRunner: "task runner",
};

export type TypeResolution =
  | { readonly ok: true; readonly type: string }
  | { readonly ok: false; readonly message: string; readonly code: "type.unknown" | "type.unsupported" };

/** Candidate canonical names for a written type: itself, then its modern package (and `XCondition` → `X`). */
function candidates(type: string): string[] {
  const out = [type];
  for (const [legacy, modern] of LEGACY_PACKAGES) {
    if (type.startsWith(legacy)) out.push(modern + type.slice(legacy.length));
  }
  for (const name of [...out]) {
    if (name.startsWith("io.kestra.plugin.core.condition.") && name.endsWith("Condition")) {
      out.push(name.slice(0, -"Condition".length));
    }
  }
  return out;
}

/** The modern name of a legacy type, whether or not Tern implements it. */
export function modernName(type: string): string {
  return candidates(type).at(-1) ?? type;
}

export function resolveType(type: string, category: PluginCategory, registry: PluginRegistry): TypeResolution {
  const what = CATEGORY_NAMES[category];
  for (const name of candidates(type)) {
    const plugin = registry.get(name);
    if (plugin === undefined) continue;
    if (plugin.category !== category) {
      return {
        ok: false,
        code: "type.unknown",
        message: `Invalid type: ${type} is a ${CATEGORY_NAMES[plugin.category]}, not a ${what}`,
      };
    }
    return { ok: true, type: plugin.type };
  }
  const modern = modernName(type);
  const removed = REMOVED.find(([prefix]) => modern.startsWith(prefix));
  if (removed) {
    return {
      ok: false,
      code: "type.unsupported",
      message: `Invalid type: ${type} (unsupported ${what} type: ${removed[1]})`,
    };
  }
  const suggestion = registry.suggest(modern, category);
  const hint = suggestion === undefined ? "" : `; did you mean ${suggestion}?`;
  return { ok: false, code: "type.unknown", message: `Invalid type: ${type} (unsupported ${what} type${hint})` };
}

/** The canonical type for a written type of any category, or undefined when Tern lacks it. */
export function knownType(type: string, registry: PluginRegistry): string | undefined {
  for (const name of candidates(type)) {
    const plugin = registry.get(name);
    if (plugin) return plugin.type;
  }
  return undefined;
}
