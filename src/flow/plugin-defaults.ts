/**
 * pluginDefaults (spec §1.4): values injected into every plugin map whose type equals a
 * default's type or starts with it. Non-forced defaults lose to the plugin's own values
 * (the first matching default wins among them); forced defaults win over the plugin's
 * values (the first declared wins among them). Maps merge deeply and lists concatenate,
 * as Kestra's MapUtils.deepMerge does.
 */
import { isPlainObject } from "../plugin/properties.js";

export interface PluginDefault {
  readonly type: string;
  readonly forced: boolean;
  readonly values: Readonly<Record<string, unknown>>;
}

/** Kestra's deepMerge: `b` wins, nulls in `b` keep `a`, maps merge, lists concatenate without repeats. */
export function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...a };
  for (const [key, valueB] of Object.entries(b)) {
    const valueA = result[key];
    if (valueB === null || valueB === undefined) continue;
    if (valueA === null || valueA === undefined) result[key] = valueB;
    else if (isPlainObject(valueA) && isPlainObject(valueB)) result[key] = deepMerge(valueA, valueB);
    else if (Array.isArray(valueA) && Array.isArray(valueB)) {
      const seen = new Set(valueA.map((v) => JSON.stringify(v)));
      result[key] = [...valueA, ...valueB.filter((v) => !seen.has(JSON.stringify(v)))];
    } else result[key] = valueB;
  }
  return result;
}

/** True when a default declared for `defaultType` applies to a plugin written as `types` (as written, canonical). */
function matches(defaultType: string, types: readonly string[]): boolean {
  return types.some((type) => type === defaultType || type.startsWith(defaultType));
}

/**
 * Applies defaults to one plugin map. `types` are the names the plugin answers to (the
 * type as written and its canonical type); `defaultTypes` maps each default to the names
 * it answers to (as written, and canonical when it names a known plugin exactly).
 */
export function applyPluginDefaults(
  plugin: Record<string, unknown>,
  types: readonly string[],
  defaults: readonly { readonly entry: PluginDefault; readonly names: readonly string[] }[],
): Record<string, unknown> {
  let result = plugin;
  const matching = defaults.filter(({ names }) => names.some((name) => matches(name, types)));
  for (const { entry } of matching) {
    if (!entry.forced) result = deepMerge({ ...entry.values }, result);
  }
  for (const { entry } of [...matching].reverse()) {
    if (entry.forced) result = deepMerge(result, { ...entry.values });
  }
  return result;
}
