/**
 * Validates one plugin map (task, trigger, condition, task runner) or input declaration
 * where it sits in the flow: resolve its type, apply pluginDefaults, rename older
 * property spellings, check its properties against common + plugin schemas, run the
 * plugin's own checks, then descend into the slots it holds. Every problem is reported
 * with the full property path and its position in the YAML.
 */
import { z } from "zod";
import type { PluginCategory, PluginDefinition } from "../plugin/define.js";
import { isPlainObject, type SlotKind } from "../plugin/properties.js";
import type { PluginRegistry } from "../plugin/registry.js";
import { closest } from "../util/suggest.js";
import { type FlowIssue, formatPath, type IssueCode, type PathSegment } from "./issues.js";
import { applyPluginDefaults, type PluginDefault } from "./plugin-defaults.js";
import {
  commonConditionProperties,
  commonTaskProperties,
  commonTaskRunnerProperties,
  commonTriggerProperties,
  TRIGGER_RENAMES,
} from "./schema/common.js";
import { INPUT_TYPES, type InputDeclaration, type InputType, inputRules, inputSchemas } from "./schema/inputs.js";
import { RETRY_RENAMES } from "./schema/retry.js";
import type { Position } from "./source.js";
import { resolveType } from "./types.js";
import { errorMap, knownKeys, mapSlots } from "./zod-walk.js";

export interface FoundTask {
  readonly id: string;
  readonly type: string;
  readonly path: readonly PathSegment[];
  readonly value: Record<string, unknown>;
}

export interface WalkContext {
  readonly registry: PluginRegistry;
  readonly defaults: readonly { readonly entry: PluginDefault; readonly names: readonly string[] }[];
  readonly flowId: string;
  readonly namespace: string;
  readonly issues: FlowIssue[];
  readonly locate: (path: readonly PathSegment[]) => Position | undefined;
  /** Every task with an id, parents before children, in Kestra's allTasksWithChilds order. */
  readonly tasks: FoundTask[];
  readonly triggers: FoundTask[];
  /** Paths of deprecated spellings the flow uses (legacy types, renamed properties). */
  readonly deprecations: string[];
  /** Things Kestra would refuse or frown on that Tern accepts (reported, not fatal). */
  readonly warnings: string[];
}

export function report(context: WalkContext, code: IssueCode, path: readonly PathSegment[], message: string): void {
  context.issues.push({ code, message, path: formatPath(path), ...context.locate(path) });
}

const COMMON: Record<PluginCategory, z.ZodRawShape> = {
  task: commonTaskProperties,
  trigger: commonTriggerProperties,
  condition: commonConditionProperties,
  taskRunner: commonTaskRunnerProperties,
};

const fullSchemas = new WeakMap<PluginDefinition, z.ZodObject>();

/** The plugin's own properties plus the common ones of its category, strict. */
export function fullSchema(plugin: PluginDefinition): z.ZodObject {
  let schema = fullSchemas.get(plugin);
  if (!schema) {
    schema = z.strictObject({ ...COMMON[plugin.category], ...plugin.properties.shape });
    fullSchemas.set(plugin, schema);
  }
  return schema;
}

/** Property names a plugin accepts, old spellings included. */
export function acceptedProperties(plugin: PluginDefinition): string[] {
  return [...Object.keys(fullSchema(plugin).shape), ...Object.keys(plugin.renamedProperties ?? {})];
}

/** Reports zod issues under `base`, with "did you mean" for unknown properties. */
export function reportZodIssues(
  context: WalkContext,
  schema: z.ZodType,
  issues: readonly z.core.$ZodIssue[],
  base: readonly PathSegment[],
): void {
  for (const issue of issues) {
    const path = [...base, ...(issue.path as PathSegment[])];
    if (issue.code === "unrecognized_keys") {
      const known = knownKeys(schema, issue.path as PathSegment[]);
      for (const key of issue.keys) {
        const hint = closest(key, known);
        const suffix = hint === undefined ? "" : `; did you mean '${hint}'?`;
        report(context, "property.unknown", [...path, key], `Unrecognized field "${key}"${suffix}`);
      }
    } else if (issue.code === "invalid_union" && issue.errors.length > 0) {
      // dynamic(x) is union([expression, x]): the last branch says what a literal must be.
      const branch = issue.errors.at(-1) ?? [];
      if (branch.length > 0) reportZodIssues(context, schema, branch, path);
      else report(context, "property.invalid", path, issue.message);
    } else {
      report(context, "property.invalid", path, issue.message);
    }
  }
}

function withoutNulls(map: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(map).filter(([, v]) => v !== null && v !== undefined));
}

/** Renames older property spellings; both spellings at once is an error. */
export function renameProperties(
  context: WalkContext,
  map: Record<string, unknown>,
  renames: Readonly<Record<string, string>>,
  path: readonly PathSegment[],
): Record<string, unknown> {
  let out = map;
  for (const [from, to] of Object.entries(renames)) {
    if (!(from in out)) continue;
    if (to in out) {
      report(context, "property.invalid", [...path, from], `\`${from}\` is the old name of \`${to}\`; set only one`);
      continue;
    }
    const { [from]: value, ...rest } = out;
    out = { ...rest, [to]: value };
    context.deprecations.push(formatPath([...path, from]));
  }
  return out;
}

const CATEGORY_OF: Record<Exclude<SlotKind, "input">, PluginCategory> = {
  task: "task",
  trigger: "trigger",
  condition: "condition",
  taskRunner: "taskRunner",
};

/** The slot visitor: validates what sits in a slot and returns its normalised value. */
export function visitSlot(context: WalkContext): (kind: SlotKind, value: unknown, path: PathSegment[]) => unknown {
  return (kind, value, path) =>
    kind === "input" ? validateInput(context, value, path) : validatePlugin(context, CATEGORY_OF[kind], value, path);
}

export function validatePlugin(
  context: WalkContext,
  category: PluginCategory,
  raw: unknown,
  path: PathSegment[],
): Record<string, unknown> | undefined {
  if (!isPlainObject(raw)) return undefined; // the parent's schema already reported it
  let map = withoutNulls(raw);
  const written = map.type;
  const id = typeof map.id === "string" ? map.id : undefined;
  if (typeof written !== "string" || written === "") {
    report(context, "type.missing", [...path, "type"], `Invalid type: null (a ${category} needs a \`type\`)`);
    if (id !== undefined && category === "task") context.tasks.push({ id, type: "", path, value: map });
    return undefined;
  }
  const resolved = resolveType(written, category, context.registry);
  if (!resolved.ok) {
    report(context, resolved.code, [...path, "type"], resolved.message);
    if (id !== undefined && category === "task") context.tasks.push({ id, type: written, path, value: map });
    if (id !== undefined && category === "trigger") context.triggers.push({ id, type: written, path, value: map });
    return undefined;
  }
  const plugin = context.registry.get(resolved.type) as PluginDefinition;
  if (written !== resolved.type || plugin.deprecated !== undefined)
    context.deprecations.push(formatPath([...path, "type"]));
  map = applyPluginDefaults(map, [written, resolved.type], context.defaults);
  map = { ...map, type: resolved.type };
  map = renameProperties(context, map, plugin.renamedProperties ?? {}, path);
  if (category === "trigger") map = renameProperties(context, map, TRIGGER_RENAMES, path);
  if (isPlainObject(map.retry))
    map = { ...map, retry: renameProperties(context, map.retry, RETRY_RENAMES, [...path, "retry"]) };

  const found = { id: id ?? "", type: resolved.type, path, value: map };
  if (id !== undefined && category === "task") context.tasks.push(found);
  if (id !== undefined && category === "trigger") context.triggers.push(found);

  const schema = fullSchema(plugin);
  const parsed = schema.safeParse(map, { error: errorMap });
  const visit = visitSlot(context);
  if (!parsed.success) {
    reportZodIssues(context, schema, parsed.error.issues, path);
    mapSlots(schema, map, path, visit); // still report problems inside children
    return undefined;
  }
  const value = mapSlots(schema, parsed.data, path, visit) as Record<string, unknown>;
  if (value.workerGroup !== undefined) {
    report(context, "flow.rule", [...path, "workerGroup"], "Worker Group is an Enterprise Edition functionality");
  }
  for (const issue of plugin.check?.(value, checkContext(context)) ?? []) {
    const prefix = id === undefined ? "" : `${id}: `;
    report(context, "plugin.check", [...path, ...(issue.path ?? [])], `${prefix}${issue.message}`);
  }
  return value;
}

function checkContext(context: WalkContext) {
  return {
    flowId: context.flowId,
    namespace: context.namespace,
    lookup: (type: string) => {
      const resolved = resolveType(type, "task", context.registry);
      return resolved.ok ? context.registry.get(resolved.type) : undefined;
    },
  };
}

export function validateInput(context: WalkContext, raw: unknown, path: PathSegment[]): InputDeclaration | undefined {
  if (!isPlainObject(raw)) return undefined;
  let map = renameProperties(context, withoutNulls(raw), { name: "id" }, path);
  const type = map.type;
  if (typeof type !== "string" || !(INPUT_TYPES as readonly string[]).includes(type)) {
    const hint = typeof type === "string" ? closest(type, INPUT_TYPES) : undefined;
    const suffix = hint === undefined ? `one of ${INPUT_TYPES.join(", ")}` : `did you mean ${hint}?`;
    report(context, "type.unknown", [...path, "type"], `Invalid type: ${String(type ?? null)} (${suffix})`);
    return undefined;
  }
  map = { ...map, type };
  const schema = inputSchemas[type as InputType];
  const parsed = schema.safeParse(map, { error: errorMap });
  if (!parsed.success) {
    reportZodIssues(context, schema, parsed.error.issues, path);
    return undefined;
  }
  const input = parsed.data as InputDeclaration;
  for (const message of inputRules(input)) report(context, "flow.rule", path, message);
  return input;
}
