/**
 * parseFlow: YAML source → a validated Flow, or every problem found, each with its
 * property path and position. Failure is an expected outcome here, so it is a result,
 * not an exception.
 */
import { isPlainObject } from "../plugin/properties.js";
import type { PluginRegistry } from "../plugin/registry.js";
import type { FlowIssue, PathSegment } from "./issues.js";
import type { Flow, Label } from "./model.js";
import type { PluginDefault } from "./plugin-defaults.js";
import { checkFlowRules } from "./rules.js";
import { FLOW_RENAMES, flowSchema, pluginDefaultSchema } from "./schema/flow.js";
import type { InputDeclaration } from "./schema/inputs.js";
import { RETRY_RENAMES } from "./schema/retry.js";
import { loadYaml, type YamlDocument } from "./source.js";
import { modernName, resolveType } from "./types.js";
import {
  acceptedProperties,
  renameProperties,
  report,
  reportZodIssues,
  visitSlot,
  type WalkContext,
} from "./validate-plugin.js";
import { errorMap, mapSlots } from "./zod-walk.js";

export interface ParseOptions {
  readonly registry: PluginRegistry;
}

export type ParseResult =
  | {
      readonly ok: true;
      readonly flow: Flow;
      readonly source: string;
      readonly deprecations: readonly string[];
      readonly warnings: readonly string[];
    }
  | {
      readonly ok: false;
      readonly issues: readonly FlowIssue[];
      readonly id?: string;
      readonly namespace?: string;
      readonly deprecations?: readonly string[];
      readonly warnings?: readonly string[];
    };

/** Parses a source that must hold exactly one flow. */
export function parseFlow(source: string, options: ParseOptions): ParseResult {
  const loaded = loadYaml(source);
  if (loaded.issues.length > 0) return { ok: false, issues: loaded.issues };
  const [first, ...rest] = loaded.documents.filter((doc) => doc.value !== null || doc.issues.length > 0);
  if (first === undefined) return { ok: false, issues: [emptyIssue()] };
  if (rest.length > 0) {
    return {
      ok: false,
      issues: [
        {
          code: "yaml.syntax",
          path: "",
          message: "expected one flow but the source holds several YAML documents (---)",
        },
      ],
    };
  }
  return parseDocument(first, source, options);
}

/** Parses every `---`-separated flow of a source, as Kestra's validate endpoint does. */
export function parseFlows(source: string, options: ParseOptions): ParseResult[] {
  const loaded = loadYaml(source);
  if (loaded.issues.length > 0) return [{ ok: false, issues: loaded.issues }];
  const documents = loaded.documents.filter((doc) => doc.value !== null || doc.issues.length > 0);
  if (documents.length === 0) return [{ ok: false, issues: [emptyIssue()] }];
  return documents.map((doc) => parseDocument(doc, source, options));
}

function emptyIssue(): FlowIssue {
  return {
    code: "yaml.empty",
    path: "",
    message: "the flow is empty: a flow needs at least `id`, `namespace` and `tasks`",
  };
}

export function parseDocument(doc: YamlDocument, source: string, options: ParseOptions): ParseResult {
  if (doc.issues.length > 0) return { ok: false, issues: doc.issues };
  if (doc.value === null || doc.value === undefined) return { ok: false, issues: [emptyIssue()] };
  if (!isPlainObject(doc.value)) {
    const kind = Array.isArray(doc.value) ? "a list" : `a ${typeof doc.value}`;
    return {
      ok: false,
      issues: [
        {
          code: "yaml.not-a-map",
          path: "",
          message: `a flow must be a YAML map of properties, not ${kind}`,
          ...doc.locate([]),
        },
      ],
    };
  }
  const raw = doc.value;
  const id = typeof raw.id === "string" ? raw.id : undefined;
  const namespace = typeof raw.namespace === "string" ? raw.namespace : undefined;
  const context: WalkContext = {
    registry: options.registry,
    defaults: [],
    flowId: id ?? "",
    namespace: namespace ?? "",
    issues: [],
    locate: doc.locate,
    tasks: [],
    triggers: [],
    deprecations: [],
    warnings: [],
  };
  let map: Record<string, unknown> = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== null));
  for (const [from, to] of Object.entries(FLOW_RENAMES)) {
    if (!(from in map)) continue;
    if (to in map)
      report(context, "property.invalid", [from], `\`${from}\` is the old name of \`${to}\`; set only one`);
    else context.deprecations.push(from);
    const { [from]: value, ...rest } = map;
    map = to in map ? rest : { ...rest, [to]: value };
  }
  if (isPlainObject(map.retry)) map = { ...map, retry: renameProperties(context, map.retry, RETRY_RENAMES, ["retry"]) };
  const withDefaults: WalkContext = { ...context, defaults: readPluginDefaults(context, map.pluginDefaults) };
  const parsed = flowSchema.safeParse(map, { error: errorMap });
  const visit = visitSlot(withDefaults);
  const failure = (): ParseResult => ({
    ok: false,
    issues: sortIssues(context.issues),
    id,
    namespace,
    deprecations: context.deprecations,
    warnings: context.warnings,
  });
  if (!parsed.success) {
    reportZodIssues(withDefaults, flowSchema, parsed.error.issues, []);
    mapSlots(flowSchema, map, [], visit);
    return failure();
  }
  const walked = mapSlots(flowSchema, parsed.data, [], visit) as Record<string, unknown> & typeof parsed.data;
  const labels = toLabels(parsed.data.labels);
  checkFlowRules(withDefaults, {
    id: parsed.data.id,
    namespace: parsed.data.namespace,
    labels,
    inputs: ((walked.inputs as (InputDeclaration | undefined)[] | undefined) ?? []).filter((i) => i !== undefined),
    outputs: parsed.data.outputs ?? [],
  });
  if (context.issues.length > 0) return failure();
  const flow = { ...walked, ...(labels.length > 0 ? { labels } : {}) } as unknown as Flow;
  return { ok: true, flow, source, deprecations: context.deprecations, warnings: context.warnings };
}

/** Reads the usable pluginDefaults entries and reports properties no matching plugin has. */
function readPluginDefaults(context: WalkContext, value: unknown): WalkContext["defaults"] {
  if (!Array.isArray(value)) return [];
  const out: { entry: PluginDefault; names: string[] }[] = [];
  value.forEach((item, index) => {
    const parsed = pluginDefaultSchema.safeParse(item);
    if (!parsed.success) return; // reported by the flow schema
    const entry = parsed.data;
    const names = [entry.type];
    const resolved = resolveType(entry.type, "task", context.registry);
    const plugin = context.registry.get(resolved.ok ? resolved.type : modernName(entry.type));
    if (plugin) {
      names.push(plugin.type);
      const known = new Set(acceptedProperties(plugin));
      for (const key of Object.keys(entry.values)) {
        if (!known.has(key) && key !== "version") {
          const path: PathSegment[] = ["pluginDefaults", index, "values", key];
          report(context, "property.unknown", path, `No property '${key}' exists in plugin '${entry.type}'`);
        }
      }
    }
    out.push({ entry, names });
  });
  return out;
}

function toLabels(labels: unknown): Label[] {
  if (Array.isArray(labels)) {
    return labels.map((l: { key: string; value: unknown }) => ({ key: l.key, value: stringify(l.value) }));
  }
  if (isPlainObject(labels)) return Object.entries(labels).map(([key, value]) => ({ key, value: stringify(value) }));
  return [];
}

function stringify(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Issues in source order (those without a position keep their place at the end). */
function sortIssues(issues: readonly FlowIssue[]): FlowIssue[] {
  return [...issues].sort((a, b) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER));
}
